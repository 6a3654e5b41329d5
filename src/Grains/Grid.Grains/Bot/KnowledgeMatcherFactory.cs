using Grid.Pipeline;

namespace Grid.Bot;

/// <summary>Builds the Lucene-based <see cref="KnowledgeMatcher"/> of a tenant from a knowledge-base snapshot.</summary>
internal sealed class KnowledgeMatcherFactory(ILanguageDetector detector) : IKnowledgeMatcherFactory
{
    public IBotMatcher Create(KnowledgeSnapshot snapshot) => new KnowledgeMatcher(new KnowledgeIndex(snapshot.Entries, snapshot.Settings), detector);
}
