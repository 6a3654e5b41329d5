using Grid.Triage;

namespace Grid.Tests.Triage;

public sealed class EmailTextTests
{
    [Fact]
    public void Quotes_signatures_footers_and_greetings_are_dropped_and_the_subject_kept()
    {
        const string email = """
            Subject: RE: TR: Facture en double

            Bonjour,

            Nous avons été prélevés deux fois pour la facture de mars. Merci de rembourser.

            Cordialement,

            Marc Durand
            Responsable comptable
            Tél. : +33 1 23 45 67 89

            Les informations contenues dans ce courriel sont strictement confidentielles.

            Le mar. 14 oct. 2026 à 10:02, Service Client <sc@example.fr> a écrit :
            > Bonjour, votre contrat est renouvelé.
            """;
        Assert.Equal("Facture en double\nNous avons été prélevés deux fois pour la facture de mars. Merci de rembourser.", EmailText.Prepare(email));
    }

    [Fact]
    public void Outlook_quotes_are_cut_and_forwards_keep_the_forwarded_request()
    {
        const string outlook = """
            Subject: Meter reading

            The reading today is 10452.
            Sent from my iPhone
            -----Original Message-----
            From: Support <support@example.com>
            Sent: Monday, March 2, 2026 9:00 AM
            Subject: Your contract
            We have renewed your contract.
            """;
        Assert.Equal("Meter reading\nThe reading today is 10452.", EmailText.Prepare(outlook));

        const string forward = """
            Subject: Fwd: gas smell

            FYI - this landed in my inbox.

            ---------- Forwarded message ---------
            From: Tenant <t@example.com>
            Date: Tue, 3 Mar 2026 at 08:00
            Subject: gas smell in the boiler room
            To: Me <me@example.com>

            Hi,

            there is a strong smell of gas in the boiler room, please send someone now.

            Thanks,
            Tom
            """;
        Assert.Equal("gas smell\nFYI - this landed in my inbox.\ngas smell in the boiler room\nthere is a strong smell of gas in the boiler room, please send someone now.",
            EmailText.Prepare(forward));
    }

    [Fact]
    public void Only_a_greeting_line_is_dropped_not_a_request_after_a_greeting()
    {
        Assert.Equal("Power cut\nplease send someone", EmailText.Prepare("Subject: Power cut\n\nDear customer services,\nplease send someone"));
        Assert.Equal("Power cut\nHi, the whole site has no power since 8", EmailText.Prepare("Subject: Power cut\n\nHi, the whole site has no power since 8"));
    }

    [Fact]
    public void The_model_text_is_folded_with_digits_reduced()
    {
        Assert.Equal("facture inv-0-0\ncoupure d'electricite a 0h", EmailText.ForModel("Subject: Facture INV-2026-00123\n\nCoupure d’électricité à 10h"));
        Assert.Equal("no marker at all", EmailText.ForModel("No marker at all"));
    }
}
