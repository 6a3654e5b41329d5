using Grid.Storage;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Grid.Tests.Core;

/// <summary>
/// Grain states are JSON with each value's type: a collection expression's compiler-made type is written as a plain
/// list, so that another process (without the writing assembly's private types) reads the state back.
/// </summary>
public sealed class PlainCollectionsBinderTests
{
    public sealed record Holder(IReadOnlyList<string> Names, IReadOnlyList<int> Numbers);

    [Fact]
    public void A_collection_expression_is_stored_as_a_list_and_reads_back()
    {
        var holder = new Holder([.. new[] { "a", "b" }.Select(n => n)], [1, 2, 3]);
        Assert.True(PlainCollectionsBinder.IsCompilerCollection(holder.Names.GetType()), holder.Names.GetType().Name);
        var settings = new JsonSerializerSettings
        {
            TypeNameHandling = TypeNameHandling.All,
            SerializationBinder = new PlainCollectionsBinder(new DefaultSerializationBinder()),
        };

        var json = JsonConvert.SerializeObject(holder, settings);
        Assert.DoesNotContain("z__", json);
        Assert.Contains("System.Collections.Generic.List`1[[System.String", json);
        var read = JsonConvert.DeserializeObject<Holder>(json, settings)!;
        Assert.Equal(["a", "b"], read.Names);
        Assert.Equal([1, 2, 3], read.Numbers);
    }
}
