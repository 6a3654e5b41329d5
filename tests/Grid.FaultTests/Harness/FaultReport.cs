using System.Globalization;
using System.Text;
using Grpc.Core;
using Xunit.Abstractions;

namespace Grid.FaultTests.Harness;

/// <summary>What the checker found, the load's calls by status and, per fault, the time the grid took to recover.</summary>
public sealed record FaultReport(
    string Scenario,
    FaultLoad Load,
    int Acknowledged,
    int Conversations,
    int StoredRead,
    int? StoredSql,
    int Lost,
    int Duplicated,
    int OutOfOrder,
    int Gaps,
    int Unacknowledged,
    IReadOnlyList<string> Problems)
{
    /// <summary>The only failures a caller may see while a fault lasts: both mean "retry with the same key".</summary>
    public static readonly IReadOnlySet<StatusCode> Retriable = new HashSet<StatusCode> { StatusCode.Unavailable, StatusCode.DeadlineExceeded };

    public IReadOnlyDictionary<StatusCode, int> FailedByCode =>
        Load.Calls.Where(c => c.Code != StatusCode.OK).GroupBy(c => c.Code).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>
    /// Per fault mark, until the next mark: the time from the mark to the last failed call, the time until every
    /// customer that saw a failure was served again (its first acknowledgement after its last failure: "all conversations
    /// served again"; 0 when nothing failed), and the longest one customer waited from its first failed call to that
    /// acknowledgement.
    /// </summary>
    public IReadOnlyList<Recovery> Recoveries()
    {
        var marks = Load.Marks.OrderBy(m => m.AtMs).ToList();
        var calls = Load.Calls.OrderBy(c => c.EndedMs).ToList();
        var result = new List<Recovery>();
        for (var i = 0; i < marks.Count; i++)
        {
            var from = marks[i].AtMs;
            var to = i + 1 < marks.Count ? marks[i + 1].AtMs : long.MaxValue;
            var window = calls.Where(c => c.EndedMs >= from && c.EndedMs < to).ToList();
            var failed = window.Where(c => c.Code != StatusCode.OK).ToList();
            long longestWait = 0;
            long served = from;
            foreach (var customer in failed.GroupBy(c => c.Sender))
            {
                var firstFailure = customer.Min(c => c.EndedMs - c.DurationMs);
                var lastFailure = customer.Max(c => c.EndedMs);
                var recovered = window.FirstOrDefault(c => c.Sender == customer.Key && c.Code == StatusCode.OK && c.EndedMs > lastFailure);
                var recoveredAt = recovered.EndedMs == 0 ? window.Last().EndedMs : recovered.EndedMs;
                longestWait = Math.Max(longestWait, recoveredAt - firstFailure);
                served = Math.Max(served, recoveredAt);
            }

            result.Add(new Recovery(marks[i].Label, failed.Count, failed.Count == 0 ? 0 : failed.Max(c => c.EndedMs) - from, served - from, longestWait));
        }

        return result;
    }

    /// <summary>Writes the report to the test's output and appends it to fault-report.md beside the test binaries.</summary>
    public FaultReport Print(ITestOutputHelper output)
    {
        var text = ToString();
        output.WriteLine(text);
        lock (typeof(FaultReport))
        {
            File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "fault-report.md"), text + Environment.NewLine);
        }

        return this;
    }

    /// <summary>Every count must be zero and every failed call retriable; the message is the whole report.</summary>
    public void AssertClean()
    {
        var text = ToString();
        Assert.True(Acknowledged > 0, "nothing was acknowledged\n" + text);
        Assert.True((Lost, Duplicated, OutOfOrder, Gaps, Unacknowledged) == (0, 0, 0, 0, 0), text);
        Assert.True(Load.Violations.Count == 0, text);
        Assert.True(FailedByCode.Keys.All(Retriable.Contains), "a call failed with a status that is not retriable\n" + text);
    }

    public override string ToString()
    {
        var s = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        var okCalls = Load.Calls.Count(x => x.Code == StatusCode.OK);
        s.AppendLine(c, $"## {Scenario} ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        s.AppendLine(c, $"acknowledged {Acknowledged} messages in {Conversations} conversations ({Load.Shape.Senders} customers, {Load.Shape.Workers} callers); calls {Load.Calls.Count}, ok {okCalls}");
        s.AppendLine(c, $"stored (read back) {StoredRead}{(StoredSql is { } sql ? $", journal rows (SQL) {sql}" : "")}");
        s.AppendLine(c, $"lost {Lost}, duplicated {Duplicated}, out of order {OutOfOrder}, gaps {Gaps}, unacknowledged {Unacknowledged}, idempotency answers wrong {Load.Violations.Count}");
        s.AppendLine(c, $"failed calls by code: {(FailedByCode.Count == 0 ? "none" : string.Join(", ", FailedByCode.OrderBy(f => f.Key).Select(f => $"{f.Key} {f.Value}")))}");
        foreach (var r in Recoveries())
        {
            s.AppendLine(c, $"- {r.Fault}: {r.FailedCalls} failed calls, last failure {r.LastFailureMs / 1000.0:F1} s after it, all conversations served again after {r.ServedAgainMs / 1000.0:F1} s, longest wait of one customer {r.LongestWaitMs / 1000.0:F1} s");
        }

        var marks = Load.Marks.OrderBy(m => m.AtMs).ToList();
        foreach (var (at, label) in Load.Notes)
        {
            var fault = marks.LastOrDefault(m => m.AtMs <= at);
            s.AppendLine(c, $"  {label}: {(at - fault.AtMs) / 1000.0:F1} s after \"{fault.Label}\"");
        }

        foreach (var problem in Problems.Take(20).Concat(Load.Violations.Take(20)).Concat(Load.Unacknowledged.Values.Take(20).Select(id => id + " never acknowledged")))
        {
            s.AppendLine("  ! " + problem);
        }

        return s.ToString();
    }
}

public sealed record Recovery(string Fault, int FailedCalls, long LastFailureMs, long ServedAgainMs, long LongestWaitMs);
