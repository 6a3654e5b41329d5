using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Prometheus;

namespace Grid.Edge.Observability;

/// <summary>
/// Exports the .NET meters operators use (Orleans' and the runtime's) to /metrics by Prometheus' conventions, in place
/// of prometheus-net's default meter adapter, which exports every meter of the process (32 families of
/// <c>private_internaldiagnostics_*</c> among them), counters as gauges and names without their unit
/// (docs/architecture.md, "Operations"). Names are the instrument's, snake_case, with the base unit appended
/// (<c>ms</c> is converted to <c>_seconds</c>, <c>By</c> becomes <c>_bytes</c>, <c>{thing}</c> adds nothing) and
/// <c>_total</c> on counters: <c>orleans-storage-write-latency</c> (ms) → <c>orleans_storage_write_latency_seconds</c>,
/// <c>dotnet.gc.collections</c> → <c>dotnet_gc_collections_total</c>. Tags become labels with '.' and '-' as '_'.
/// </summary>
public sealed class MeterBridge : IDisposable
{
    /// <summary>The meters exported: Orleans' runtime and the .NET runtime's.</summary>
    public static readonly IReadOnlyList<string> ExportedMeters = ["Microsoft.Orleans", "System.Runtime"];

    /// <summary>
    /// Levels the runtime publishes as observable counters although they go down (threads, queued work items): exported
    /// as gauges, without <c>_total</c>.
    /// </summary>
    private static readonly HashSet<string> GaugesDeclaredAsCounters = ["dotnet.thread_pool.thread.count", "dotnet.thread_pool.queue.length"];

    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<Instrument, Series> series = new();
    private readonly IMetricFactory factory;

    public MeterBridge(CollectorRegistry registry)
    {
        factory = Metrics.WithCustomRegistry(registry);
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ExportedMeters.Contains(instrument.Meter.Name) && Series.Kind(instrument) is not null)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<float>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<short>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<byte>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<decimal>((i, v, tags, _) => Record(i, (double)v, tags));
        listener.Start();
        registry.AddBeforeCollectCallback(listener.RecordObservableInstruments);
    }

    /// <summary>The Prometheus name of an instrument (see the class summary).</summary>
    public static string PrometheusName(string instrument, string? unit, bool counter)
    {
        var name = Snake(instrument);
        var suffix = UnitSuffix(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        return counter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    public void Dispose() => listener.Dispose();

    internal static string Snake(string text)
    {
        var chars = text.ToLowerInvariant().Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '_').ToArray();
        return string.Join('_', new string(chars).Split('_', StringSplitOptions.RemoveEmptyEntries));
    }

    private static string UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => "",
        "s" or "ms" or "us" or "ns" => "seconds",
        "By" or "bytes" => "bytes",
        "MB" => "bytes",
        "%" => "percent",
        _ when unit.StartsWith('{') => "",
        _ => Snake(unit),
    };

    /// <summary>The factor taking a measurement to the base unit of its name.</summary>
    private static double Scale(string? unit) => unit switch
    {
        "ms" => 1e-3,
        "us" => 1e-6,
        "ns" => 1e-9,
        "MB" => 1024 * 1024,
        _ => 1,
    };

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        try
        {
            series.GetOrAdd(instrument, (i, tagsCopy) => new Series(factory, i, tagsCopy), tags.ToArray()).Record(value * Scale(instrument.Unit), tags);
        }
        catch (ArgumentException)
        {
            // A name or label that Prometheus refuses, or a counter going down: that series is not exported.
        }
    }

    /// <summary>One instrument's Prometheus family; label names are the tags of its first measurement.</summary>
    private sealed class Series
    {
        private readonly string[] tagKeys;
        private readonly string kind;
        private readonly Counter? counter;
        private readonly Gauge? gauge;
        private readonly Histogram? histogram;

        public Series(IMetricFactory factory, Instrument instrument, KeyValuePair<string, object?>[] firstTags)
        {
            tagKeys = [.. firstTags.Select(t => t.Key)];
            string[] labels = [.. tagKeys.Select(Snake)];
            kind = Kind(instrument)!;
            var name = PrometheusName(instrument.Name, instrument.Unit, kind is "counter" or "observable-counter");
            var help = string.IsNullOrWhiteSpace(instrument.Description) ? instrument.Name : instrument.Description;
            switch (kind)
            {
                case "counter" or "observable-counter":
                    counter = factory.CreateCounter(name, help, labels);
                    break;
                case "updown" or "gauge":
                    gauge = factory.CreateGauge(name, help, labels);
                    break;
                default:
                    var buckets = UnitSuffix(instrument.Unit) == "seconds"
                        ? Histogram.ExponentialBuckets(0.0005, 2, 16)
                        : Histogram.ExponentialBuckets(1, 2, 16);
                    histogram = factory.CreateHistogram(name, help, labels, new HistogramConfiguration { Buckets = buckets });
                    break;
            }
        }

        public static string? Kind(Instrument instrument)
        {
            if (GaugesDeclaredAsCounters.Contains(instrument.Name))
            {
                return "gauge";
            }

            var type = instrument.GetType();
            var generic = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
            return generic == typeof(Counter<>) ? "counter"
                : generic == typeof(ObservableCounter<>) ? "observable-counter"
                : generic == typeof(UpDownCounter<>) ? "updown"
                : generic == typeof(ObservableGauge<>) || generic == typeof(ObservableUpDownCounter<>) || generic == typeof(Gauge<>) ? "gauge"
                : generic == typeof(Histogram<>) ? "histogram"
                : null;
        }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var values = tagKeys.Length == 0 ? [] : new string[tagKeys.Length];
            for (var i = 0; i < tagKeys.Length; i++)
            {
                values[i] = "";
                foreach (var tag in tags)
                {
                    if (tag.Key == tagKeys[i])
                    {
                        values[i] = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
                        break;
                    }
                }
            }

            switch (kind)
            {
                case "counter":
                    counter!.WithLabels(values).Inc(value);
                    break;
                case "observable-counter":
                    counter!.WithLabels(values).IncTo(value);
                    break;
                case "updown":
                    gauge!.WithLabels(values).Inc(value);
                    break;
                case "gauge":
                    gauge!.WithLabels(values).Set(value);
                    break;
                default:
                    histogram!.WithLabels(values).Observe(value);
                    break;
            }
        }
    }
}
