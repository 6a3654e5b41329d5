using System.Runtime.CompilerServices;
using Grid.Bot;
using Microsoft.Extensions.Logging.Abstractions;

namespace Grid.Tests.Infrastructure;

/// <summary>
/// The test process reads and keeps phrasing vectors and trained models in the directory its Grid processes share
/// (<see cref="GridProcess.SharedEmbeddingCache"/>), as a silo does in its own: the demo base's vectors and scorers and
/// the person-request model are then computed once for the whole run, not once in each process.
/// </summary>
internal static class BotCaches
{
#pragma warning disable CA2255 // a test assembly's own start: the caches are process-wide, set before any test
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void UseTheSharedDirectory()
    {
        SentenceEmbedder.UseDiskCache(GridProcess.SharedEmbeddingCache, NullLogger.Instance);
        TrainedModelCache.UseDiskCache(GridProcess.SharedEmbeddingCache, NullLogger.Instance);
    }
}
