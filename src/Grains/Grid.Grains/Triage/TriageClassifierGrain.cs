using Grid.Pipeline;
using Grid.Sentiment;

namespace Grid.Triage;

/// <summary>
/// Classifies a message with the tenant's model as this silo has it loaded (checked against the stored version now), with
/// its sentiment (<see cref="SentimentScorer"/>) and language; no side effect. A stateless worker: the model runs on the
/// silo that received the call, and calls never queue behind one another. References come from the tenant's patterns as
/// this silo has them compiled (<see cref="TenantReferencePatterns"/>, version checked now like the model's), found
/// in the subject and the text; the customer is the directory's identification (<see cref="CustomerDirectory.CustomerIdentifier"/>).
/// </summary>
[StatelessWorker]
[Reentrant]
internal sealed class TriageClassifierGrain(
    TriageModels models, CustomerDirectory.DirectoryIdentification identification, ILanguageDetector languages) : Grain, ITriageClassifierGrain
{
    public async Task<TriageClassification> ClassifyAsync(TriageRequest request)
    {
        var tenant = this.GetPrimaryKeyString();
        var model = await models.GetAsync(tenant, checkNow: true)
            ?? throw new TriageRuleException(TriageErrorCodes.NoModel,
                $"tenant '{tenant}' has no triage model: train one with 'triage train --tenant {tenant} --csv FILE'");
        var text = string.IsNullOrEmpty(request.Subject) ? request.Text : $"Subject: {request.Subject}\n\n{request.Text}";
        var ranked = model.Classifier.Classify(text);
        var language = languages.Detect(EmailText.Prepare(text), "fr");
        var sentiment = SentimentScorer.Shared.Score(text, language);
        var label = sentiment.Value <= SentimentScorer.NegativeThreshold ? "negative"
            : sentiment.Value >= SentimentScorer.PositiveThreshold ? "positive" : "neutral";
        var identified = await identification.IdentifyAsync(
            tenant, request.Subject, request.Text, request.Channel ?? Channel.Email, request.Sender, freshPatterns: true);
        var customer = identified.Match is { } match ? new TriageCustomerMatch(match.CustomerId, match.Confidence, match.Evidence, match.Kind) : null;
        return new TriageClassification(
            ranked[0].Category, ranked[0].Probability, [.. ranked.Take(3)], label, Math.Round(sentiment.Value, 4), language, model.Version,
            identified.References, customer);
    }
}
