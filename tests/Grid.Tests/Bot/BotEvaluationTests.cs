using Grid.Bot;

namespace Grid.Tests.Bot;

/// <summary>
/// The repository's evaluation set against the demo knowledge base and the demo tenant's settings: fails when the
/// matcher's quality drops below the levels it reaches today.
/// </summary>
public sealed class BotEvaluationTests
{
    /// <summary>
    /// Floors just under the levels reached (docs/bot-evaluation.md). All fifteen sets are development sets now: eval-cases
    /// and eval-heldout from the start; eval-final was sealed until the first matcher was frozen; eval-sealed2 was
    /// measured once with the shipped base (85.2% right), then its misses were read; eval-sealed3 was measured once with
    /// the enriched base (83.2% right, 86.3% abstention, 86.7% of human requests) before its person-request and
    /// abstention misses were read; eval-sealed4 was measured once with everything frozen (78.6% right, 81.3% abstention, 85.2% of
    /// human requests) before its person-request misses were read; eval-sealed5 was measured once with the sentence
    /// embeddings frozen (83.1% right, 72.4% abstention, 95.0% of human requests) before its person-request misses were
    /// read; eval-sealed6 was measured once with the out-of-scope entry and sentence embeddings frozen (72.3% right, 86.8%
    /// abstention, 88.3% of human requests) before its person-request misses were read (one stays: 98.3%); eval-sealed7 was
    /// measured once with the learned decision built and left off (86.7% right, 90.8% abstention, 88.3% of human requests)
    /// before person requests by meaning were built (96.7%); eval-sealed8 was measured once with them (84.7% right, 80.3%
    /// abstention, 88.3% of human requests) before its person-request misses were read (98.3%); eval-sealed9 was measured
    /// once with that matcher (83.6% right, 84.2% abstention, 90.0% of human requests) before its person-request misses
    /// were read and person requests by talk words were built (100%); eval-sealed10 was measured once with those
    /// frozen (84.1% right, 90.8% abstention, 95.0% of human requests) before its person-request misses were read (100%);
    /// eval-sealed11 was measured once after those (84.8% right, 90.8% abstention, 95.0% of human requests) before its
    /// person-request misses were read (100%); eval-sealed13 was measured once after those (84.5% right, 84.2% abstention,
    /// 100% of human requests, two false ones) before its errors were read. The floors since then are the base's with
    /// 60 phrasings an entry and language (written in two rounds without reading any set), 50 out-of-scope phrasings
    /// (the 20 added of kinds chosen from the development sets' errors) and threshold 0.57; eval-sealed14 was measured
    /// once with that (87.6% right, 73.7% abstention, 95.0% of human requests; 85.2%, 72.4% and 95.0% with the matcher
    /// before this round) before its errors were read. In the ninth round, four sets were written blind (docs/bot-evaluation.md):
    /// eval-sealed16 and eval-persons18 were measured once with the ninth round's matcher and their errors have not been
    /// read (their floors are that one measurement); eval-persons16's and eval-persons17's person-request misses were read
    /// and turned into rules. In the tenth round the person-request model learnt from 2,400 more messages and was
    /// asked where no person is named too: eval-persons19 was written blind and measured once with that (95.6% of human
    /// requests, 90.6% with the ninth round's matcher); eval-persons18 and eval-sealed16, still unread, were measured a
    /// second time (89.4% and 98.3%). Then eval-persons19's errors were read and the model was let veto the rules'
    /// weakest readings (92.5% abstention, 98.3% precision there); eval-persons18 and eval-sealed16 did not move; then a
    /// person asked for by first name was read (eval-persons17 98.3%, eval-persons19 96.7%). In the eleventh round the
    /// model learnt from 970 more messages and reads each sentence of a longer message: eval-persons20, written blind,
    /// was measured once with that (94.4% of human requests, 93.9% with the matcher before the round); eval-persons18
    /// went 89.4 → 91.1% (abstention 78.8 → 75.8%), eval-sealed16 did not move. In the twelfth round eval-sealed16's,
    /// eval-persons18's and eval-persons20's person-request misses were read (development sets now), and eval-persons21,
    /// written blind, was measured once with that round's two callback rules (95.0% of human requests, precision 96.6%,
    /// 86.3% right, 82.5% abstention); its errors have not been read. In the thirteenth round eval-persons21's misses were
    /// counted by mechanism (no text read; 172 of 180 after the round), and eval-sealed17 and eval-persons22 were written
    /// blind and measured before and after the round's changes (neither moved); their floors are the shipped
    /// measurement, with the five texts they share with the model's training taken out of it; their errors have not
    /// been read. In the fourteenth round the model's reading of a whole message that only a telling rules out was let
    /// stand at 0.85 (eval-persons20 172 → 174 of 180, eval-persons21 172 → 175; eval-sealed17 and eval-persons22 did not
    /// move). In the fifteenth round the base learnt the messages it missed of every set above but eval-persons21,
    /// eval-persons22 and eval-sealed17 (<see cref="MissedPhrasings"/>, 571 phrasings and 50 out-of-scope ones a
    /// language), and the model outranks an answer at 0.98 where a person is named: the sets it learnt from are
    /// training sets since (their floors guard against regressions, not for quality on new messages); what it gained on
    /// sets it had not learnt is measured two ways in docs/bot-evaluation.md (each half of the sets learnt, the other
    /// half measured: +2.3 and +1.8 points right, +0.6 and +2.0 points abstention; and the three sets kept out:
    /// eval-sealed17 87.5 → 90.7% right, 93.8 → 95.0% abstention, 5 → 0 wrong answers; eval-persons22 95.6% of
    /// requests, 93.8 → 91.3% right and 92.5 → 95.0% abstention on mentions; eval-persons21 96.7 → 97.2% of requests).
    /// In the sixteenth round eval-persons22's misses were read (a development set since), eval-persons23 and
    /// eval-persons24 were written blind and measured once (90.6% and 97.2% of requests); eval-persons23's misses were
    /// then read too (95.6% after the round's rules) and eval-persons24, still unread, measured a second time (97.2%).
    /// Taking out of the model's training the three texts those two sets share with it moved two of eval-sealed17's
    /// messages to 0.81 against the 0.80 bar: two false requests there (precision 100 → 96.8%, abstention 95.0 → 93.8%).
    /// In the seventeenth round two sets were written blind (eval-persons25, read after its first measure, and
    /// eval-persons26, unread); the model's training gained three writers' 1,476 texts and the detector a rule for a
    /// person asked to take the case in hand: eval-sealed17 is back to no false request, eval-persons21 lost two
    /// requests (97.2 → 96.1%) and eval-persons17 one uncovered message to a false request (abstention 87.2 → 84.6%),
    /// eval-persons26 did not move (95.0%).
    /// In the eighteenth round eval-persons27 and eval-persons28 were written blind and are unread; the learnt model's
    /// reading now outranks an answer of the base at per-gate bars (<see cref="MatcherOptions.HumanModelOverWeakAnswer"/>):
    /// eval-persons27 90.6 → 92.2% and eval-persons28 96.1 → 96.7% of requests at their first measure, eval-persons26
    /// 95.0 → 95.6%, eval-persons21 one more request and one mention taken for a request (85.0% right, 96.7% precision).
    /// In the nineteenth round the model learnt word-class pairs and 2,642 more texts by six writers, and its bars moved to
    /// its scale (docs/bot-evaluation.md): eval-persons27 92.2 → 95.0% of requests, eval-persons24 97.2 → 98.3%,
    /// eval-persons21 96.7 → 98.3%, eval-persons28 96.7 → 96.1% (one uncovered message fewer kept silent: 85.0%
    /// abstention), the six unread sets 921 → 930 of 960 with four false requests fewer; their errors are still unread.
    /// In the twentieth round eval-persons29 and eval-persons30 were written blind and are unread (98.9% and 95.0% of
    /// requests at their first measure); the model learnt 2,647 more texts by six writers, a message only a telling rules
    /// out is read over a weak answer as one that names a person, and a person the customer met is asked for by what they
    /// did (rule "described"): eval-persons29 98.9 → 99.4%, eval-persons30 95.0 → 95.6%, eval-persons26 95.6 → 98.3%,
    /// eval-persons21 98.3 → 99.4%; eval-persons18 (read) and eval-persons28 (unread) each have one uncovered message more
    /// taken for a request (78.8% and 82.5% abstention).
    /// In the twenty-second round eval-persons31 and eval-persons32 were written blind and are unread (94.4% and 98.3% of
    /// requests at their first measure, with the nine training texts equal to theirs taken out); the model's weights are
    /// averaged over its last epochs, it learnt 711 more texts, and its bars were moved to its scale by the development
    /// sets' counts (docs/bot-evaluation.md): eval-persons31 92.8%, eval-persons32 97.8% of requests; eval-persons27 has one
    /// uncovered message more taken for a request (77.5% abstention, 97.7% precision).
    /// In the twenty-third round eval-persons31's misses were read (a development set since, 92.8 → 98.9%), and
    /// eval-persons33 and eval-persons34 were written blind and are unread (96.7% and 96.7% of requests at their first
    /// measure, with the six training texts equal to theirs taken out, which lowered the model's scale: eval-persons30
    /// 95.0 → 94.4%); nine narrow readings and the bars moved back to the development sets' counts: eval-persons33 97.8%,
    /// eval-persons34 96.7%, eval-persons32 98.3% with two false requests more (docs/bot-evaluation.md).
    /// In the twenty-fourth round eval-persons33's and eval-persons34's misses were read (development sets since: 97.8 →
    /// 99.4% and 96.7 → 100%), eval-persons35 and eval-persons36 were written blind and are unread (96.1% and 94.4% of
    /// requests at their first measure, with the four training texts equal to theirs taken out); the model is trained in
    /// an order fixed by its texts (<see cref="TrainingOrder"/>) and its bars were matched to it once more: eval-persons35
    /// 96.1%, eval-persons36 93.3% (two requests under the weak-answer bar, two false requests fewer), eval-persons30
    /// 94.4 → 95.6%, eval-persons32 98.3 → 98.9%; eval-persons33 has one answered mention more answered with the wrong
    /// entry (a question of reaching someone at night, read as the contact channels' instead of a request).
    /// In the twenty-fifth round eval-persons35's and eval-persons36's misses were read (development sets since: 96.1 →
    /// 99.4% and 93.3 → 98.9%), and eval-persons37 and eval-persons38 were written blind and are unread (96.1% and 96.1%
    /// of requests at their first measure, with the one training text equal to theirs taken out); readings for calls
    /// asked in other forms: eval-persons37 96.1%, eval-persons38 96.7%, eval-persons32 one false request fewer.
    /// In the twenty-sixth round the demo base's questions were tried as the model's non-requests and not kept;
    /// eval-persons37's and eval-persons38's misses were read (development sets since: 96.1 → 98.9% and 96.7 → 99.4%,
    /// their seven false requests gone), and eval-persons39 and eval-persons40 were written blind and are unread (96.7%
    /// and 97.2% of requests at their first measure, unchanged by the round's readings).
    /// Targets: 90% right, 90% abstention, 99% of human requests.
    /// </summary>
    [Theory]
    [InlineData("eval-cases.json", 0.97, 0.90, 1)]
    [InlineData("eval-heldout.json", 0.98, 0.96, 1)]
    [InlineData("eval-final.json", 0.98, 0.98, 1)]
    [InlineData("eval-sealed2.json", 0.98, 0.98, 0, 0.99, 0.98)]
    [InlineData("eval-sealed3.json", 0.98, 0.99, 0)]
    [InlineData("eval-sealed4.json", 0.98, 0.96, 0)]
    [InlineData("eval-sealed5.json", 0.98, 0.97, 0)]
    [InlineData("eval-sealed6.json", 0.98, 0.96, 0)]
    [InlineData("eval-sealed7.json", 0.98, 0.97, 0)]
    [InlineData("eval-sealed8.json", 0.97, 0.96, 0)]
    [InlineData("eval-sealed9.json", 0.98, 0.97, 0)]
    [InlineData("eval-sealed10.json", 0.99, 0.97, 0)]
    [InlineData("eval-sealed11.json", 0.96, 0.97, 0)]
    [InlineData("eval-sealed13.json", 0.95, 0.96, 1)]
    [InlineData("eval-sealed14.json", 0.97, 0.92, 0)]
    [InlineData("eval-sealed16.json", 0.98, 0.90, 0, 0.98, 0.98)]
    [InlineData("eval-persons16.json", 0.98, 0.86, 0, 0.99)]
    [InlineData("eval-persons17.json", 0.97, 0.84, 0, 0.99, 0.99)]
    [InlineData("eval-persons18.json", 0.94, 0.78, 0, 0.98, 0.96)]
    [InlineData("eval-persons19.json", 0.95, 0.97, 0, 0.98, 0.98)]
    [InlineData("eval-persons20.json", 0.97, 0.90, 0, 0.99, 0.98)]
    [InlineData("eval-persons21.json", 0.86, 0.85, 0, 0.99, 0.97)]
    [InlineData("eval-persons22.json", 0.91, 0.95, 1, 0.99, 0.99)]
    [InlineData("eval-sealed17.json", 0.90, 0.95, 0, 0.99, 0.99)]
    [InlineData("eval-persons23.json", 0.86, 0.92, 3, 0.98, 0.99)]
    [InlineData("eval-persons24.json", 0.92, 0.97, 1, 0.98, 0.99)]
    [InlineData("eval-persons25.json", 0.96, 0.95, 0, 0.99, 0.99)]
    [InlineData("eval-persons26.json", 0.96, 0.97, 0, 0.98, 0.99)]
    [InlineData("eval-persons27.json", 0.88, 0.77, 0, 0.95, 0.97)]
    [InlineData("eval-persons28.json", 0.89, 0.82, 1, 0.96, 0.97)]
    [InlineData("eval-persons29.json", 0.87, 0.95, 1, 0.99, 0.98)]
    [InlineData("eval-persons30.json", 0.93, 0.92, 0, 0.95, 0.98)]
    [InlineData("eval-persons31.json", 0.86, 0.92, 2, 0.99, 0.99)]
    [InlineData("eval-persons32.json", 0.90, 0.77, 0, 0.98, 0.97)]
    [InlineData("eval-persons33.json", 0.77, 0.92, 3, 0.99, 0.99)]
    [InlineData("eval-persons34.json", 0.85, 0.85, 1, 0.99, 0.99)]
    [InlineData("eval-persons35.json", 0.86, 0.97, 1, 0.99, 0.99)]
    [InlineData("eval-persons36.json", 0.91, 0.90, 0, 0.98, 0.99)]
    [InlineData("eval-persons37.json", 0.86, 0.92, 0, 0.98, 0.99)]
    [InlineData("eval-persons38.json", 0.90, 0.97, 0, 0.99, 0.99)]
    [InlineData("eval-persons39.json", 0.85, 0.87, 1, 0.96, 0.97)]
    [InlineData("eval-persons40.json", 0.87, 0.90, 0, 0.97, 0.99)]
    public void Keeps_its_quality_on_the_evaluation_sets(string cases, double accuracy, double abstention, int wrongAnswers, double humanRecall = 0.99, double humanPrecision = 0.99)
    {
        var evaluation = new BotEvaluation(DemoBase.Entries, DemoBase.Settings, DemoBase.Cases(cases));

        var result = evaluation.Run(DemoBase.Index); // the shipped matcher's index, shared by the tests that only read it

        Assert.True(result.Accuracy >= accuracy, $"right answers on answerable cases: {result.Accuracy:P1}");
        Assert.True(result.Abstention >= abstention, $"abstention on uncovered cases: {result.Abstention:P1}");
        Assert.True(result.HumanRecall >= humanRecall, $"human requests recognised: {result.HumanRecall:P1}");
        Assert.True(result.HumanPrecision >= humanPrecision, $"human decisions that were requests: {result.HumanPrecision:P1}");
        Assert.True(result.WrongAnswers <= wrongAnswers, $"wrong answers on answerable cases: {result.WrongAnswers}");
    }

    [Fact]
    public void Reads_the_shipped_knowledge_base()
    {
        var entries = KnowledgeBaseFile.ReadEntries(KnowledgeBaseFile.Resource("demo-kb.json"));

        Assert.Equal(28, entries.Count);
        Assert.All(entries, e => Assert.True(e.Questions.ContainsKey("fr") && e.Questions.ContainsKey("en"), e.Id));
        Assert.Equal("^INV-\\d{4}-\\d{5}$", entries.Single(e => e.Id == "invoice-copy").Flow!.Slots[0].Pattern);
    }

    [Fact]
    public void Grows_a_knowledge_base_of_distinct_entries_for_timing()
    {
        var seed = KnowledgeBaseFile.ReadEntries(KnowledgeBaseFile.Resource("demo-kb.json"));

        var grown = SyntheticKnowledgeBase.Grow(seed, 500);

        Assert.Equal(500, grown.Count);
        Assert.Equal(500, grown.Select(e => e.Id).Distinct().Count());
        // The grown copies (the seed's entries come first) index like the seed's: a slice of them, to keep the test short.
        using var index = new KnowledgeIndex([.. grown.Skip(seed.Count).Take(60)], new KnowledgeSettings(0.5, []), MatcherOptions.Default with { Semantic = false, Scorer = false });
        Assert.Equal(2, index.Languages.Count);
    }
}
