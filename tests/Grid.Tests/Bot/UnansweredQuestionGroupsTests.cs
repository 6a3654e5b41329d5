using Grid.Bot;

namespace Grid.Tests.Bot;

/// <summary>The grouping of the bot's misses (<see cref="QuestionGroups"/>), without a host.</summary>
public sealed class UnansweredQuestionGroupsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A tenant's synonym group joining the words of a delivery that did not come.</summary>
    private static readonly IReadOnlyList<IReadOnlyList<string>> DeliverySynonyms =
    [
        ["arrivée", "reçu", "livrée", "arrived", "received", "delivered"],
    ];

    private static List<UnansweredQuestion> Misses(string language, params string[] texts) =>
        [.. texts.Select((t, i) => new UnansweredQuestion(t, language, Start.AddMinutes(i), $"cnv_{language}{i}"))];

    /// <summary>The texts of each group, in the order of the groups.</summary>
    private static List<string[]> Texts(IReadOnlyList<UnansweredQuestionGroup> groups) =>
        [.. groups.Select(g => g.Examples.Prepend(g.Representative).Order(StringComparer.Ordinal).ToArray())];

    [Fact]
    public void French_ways_of_saying_an_order_did_not_come_are_one_group_and_a_password_question_another()
    {
        var misses = Misses("fr",
            "ma commande n'est pas arrivée",
            "commande tjr pas arrivee",
            "toujours pas reçu ma commande",
            "Ma commande n'est pas arrivée !",
            "comment changer mon mot de passe");

        var groups = QuestionGroups.Group(misses, DeliverySynonyms);

        Assert.Equal(2, groups.Count);
        var order = groups[0];
        Assert.Equal((4, "Ma commande n'est pas arrivée !"), (order.Count, order.Representative));
        Assert.Equal(["commande tjr pas arrivee", "toujours pas reçu ma commande"], order.Examples.Order(StringComparer.Ordinal));
        Assert.Equal(["fr"], order.Languages);
        Assert.Equal((Start, Start.AddMinutes(3)), (order.FirstSeen, order.LastSeen));
        Assert.Equal((1, "comment changer mon mot de passe"), (groups[1].Count, groups[1].Representative));
        Assert.Empty(groups[1].Examples);
    }

    [Fact]
    public void Without_the_tenants_synonym_words_that_share_nothing_stay_apart()
    {
        // "reçu" and "arrivée" are different words: only the tenant's synonyms (or a phrasing sharing enough with both) join them.
        var groups = QuestionGroups.Group(Misses("fr", "ma commande n'est pas arrivée", "toujours pas reçu ma commande"), []);

        Assert.Equal(2, groups.Count);
        Assert.All(groups, g => Assert.Equal(1, g.Count));
    }

    [Fact]
    public void English_ways_with_typos_and_contractions_are_one_group()
    {
        var misses = Misses("en",
            "my parcel has not arrived",
            "parcel still hasn't arrived yet??",
            "I still haven't received my parcel",
            "my parcle has not arived",
            "how do I change my password");

        var groups = QuestionGroups.Group(misses, DeliverySynonyms);

        Assert.Equal([4, 1], groups.Select(g => g.Count));
        // Each wording once: the one whose words the group uses most represents it, not the one with slips.
        Assert.Equal("my parcel has not arrived", groups[0].Representative);
        Assert.Equal(3, groups[0].Examples.Count);
        Assert.Equal("how do I change my password", groups[1].Representative);
    }

    [Fact]
    public void Questions_that_share_a_word_but_ask_different_things_are_not_grouped()
    {
        var french = Misses("fr",
            "ma commande n'est pas arrivée",
            "je veux annuler ma commande",
            "comment changer mon mot de passe",
            "changer mon adresse de livraison",
            "commande",
            "la commande 48213 n'est pas arrivée");
        var english = Misses("en",
            "my order has not arrived",
            "cancel my order",
            "change my delivery address",
            "change my password");

        var frenchGroups = Texts(QuestionGroups.Group(french, DeliverySynonyms));
        var englishGroups = Texts(QuestionGroups.Group(english, DeliverySynonyms));

        // The order number is not the question; a lone "commande" joins a group but draws nobody in with it.
        Assert.Contains(frenchGroups, g => g.SequenceEqual(["commande", "la commande 48213 n'est pas arrivée", "ma commande n'est pas arrivée"]));
        Assert.Contains(frenchGroups, g => g.SequenceEqual(["je veux annuler ma commande"]));
        Assert.Contains(frenchGroups, g => g.SequenceEqual(["comment changer mon mot de passe"]));
        Assert.Contains(frenchGroups, g => g.SequenceEqual(["changer mon adresse de livraison"]));
        Assert.Equal(4, frenchGroups.Count);
        Assert.Equal(4, englishGroups.Count);
        Assert.All(englishGroups, g => Assert.Single(g));
    }

    [Fact]
    public void A_group_cannot_drift_from_subject_to_subject_through_phrasings_that_each_share_half()
    {
        // Each phrasing shares at least half its words with the previous one; the last shares nothing with the first.
        var misses = Misses("en", [
            .. Enumerable.Repeat("refund invoice", 4),
            .. Enumerable.Repeat("invoice refund voucher", 3),
            .. Enumerable.Repeat("invoice voucher gift", 2),
            "voucher gift"]);

        var groups = QuestionGroups.Group(misses, []);

        Assert.Equal([(9, "refund invoice"), (1, "voucher gift")], groups.Select(g => (g.Count, g.Representative)));
    }

    [Fact]
    public void Groups_come_largest_first_with_the_languages_they_hold_and_empty_texts_group_only_with_themselves()
    {
        var misses = Misses("fr", "ma facture est fausse", "ma facture est fausse", "facture fausse", "???", "???", "???", "...")
            .Concat(Misses("en", "wrong invoice on my bill"))
            .ToList();

        var groups = QuestionGroups.Group(misses, [["facture", "invoice", "bill"], ["fausse", "wrong"]]);

        Assert.Equal([4, 3, 1], groups.Select(g => g.Count));
        Assert.Equal("ma facture est fausse", groups[0].Representative);
        Assert.Equal(["en", "fr"], groups[0].Languages);
        Assert.Equal(("???", 3), (groups[1].Representative, groups[1].Count));
        Assert.Equal("...", groups[2].Representative);
    }

    [Fact]
    public void The_same_misses_give_the_same_groups_whatever_their_order()
    {
        var misses = Misses("fr",
            "ma commande n'est pas arrivée", "commande tjr pas arrivee", "toujours pas reçu ma commande",
            "je veux annuler ma commande", "annuler commande", "comment changer mon mot de passe", "mot de passe oublié");

        var forward = QuestionGroups.Group(misses, DeliverySynonyms);
        var backward = QuestionGroups.Group([.. Enumerable.Reverse(misses)], DeliverySynonyms);

        Assert.Equal(forward, backward, (a, b) => a.Representative == b.Representative && a.Count == b.Count && a.Examples.SequenceEqual(b.Examples));
        Assert.Equal(3, forward.Count);
    }

    [Fact]
    public void Long_texts_are_clipped_at_a_space_and_short_ones_kept_whole()
    {
        var words = string.Join(' ', Enumerable.Repeat("commande", 60));
        var clipped = UnansweredQuestionsGrain.Clip(words);

        Assert.True(clipped.Length <= UnansweredLimits.MaxTextLength + 1, clipped.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith("commande…", clipped);
        Assert.Equal("ma commande", UnansweredQuestionsGrain.Clip("  ma commande \n"));
    }
}
