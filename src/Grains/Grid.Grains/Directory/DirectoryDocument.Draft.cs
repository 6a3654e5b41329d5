using System.Globalization;

namespace Grid.CustomerDirectory;

/// <summary>One customer being read, whichever the format.</summary>
internal static partial class DirectoryDocument
{
    /// <summary>A customer being read: each setter validates and names the field at fault.</summary>
    private sealed partial class Draft(string where)
    {
        public string Where { get; } = where;

        public string? Id { get; private set; }

        public string? Company { get; set; }

        public string? Name { get; set; }

        private string? account;
        private string? tier;
        private string? language;
        private string? country;
        private readonly List<string> tags = [];
        private readonly List<string> domains = [];
        private readonly List<DirectoryContact> contacts = [];
        private readonly List<DirectoryInvoice> invoices = [];
        private readonly HashSet<string> numbers = new(StringComparer.Ordinal);

        public List<string> Contracts { get; } = [];

        public List<string> Orders { get; } = [];

        /// <summary>Contacts' normalised addresses and where each was given.</summary>
        public List<(string Address, string Where)> Addresses { get; } = [];

        /// <summary>Phones in national form wait for the country (a CSV gives it on the customer row, maybe later).</summary>
        private readonly List<(string? Name, string? Email, string Phone, string Where)> nationalPhones = [];

        public void SetId(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw Invalid($"{field}: required (the customer's id in your CRM, e.g. \"C-1001\")");
            }

            if (!CustomerIds.IsValid(value))
            {
                throw Invalid($"{field}: '{Shorten(value)}' is not a customer id; use {CustomerIds.Rule}");
            }

            Id = value;
        }

        public void SetAccount(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            account = Reference(value, field);
        }

        public void SetTier(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            tier = Slug().IsMatch(value) ? value : throw Invalid($"{field}: '{Shorten(value)}' is not a tier; use lower-case letters, digits, '.', '_' or '-' (at most 64), e.g. \"key-account\"");
        }

        public void SetLanguage(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            language = LanguageCode().IsMatch(value) ? value.ToLowerInvariant() : throw Invalid($"{field}: '{Shorten(value)}' is not a language; use a two-letter code (\"fr\", \"en\")");
        }

        public void SetCountry(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            country = CountryCode().IsMatch(value) ? value.ToUpperInvariant() : throw Invalid($"{field}: '{Shorten(value)}' is not a country; use a two-letter ISO 3166 code, optionally with a subdivision (\"FR\", \"GB\", \"CA-QC\")");
        }

        public void AddTag(string value, string field)
        {
            var tag = Text(value, field, 64) ?? throw Invalid($"{field}: an empty tag");
            if (tags.Count >= MaxListItems)
            {
                throw Limit($"{field}: more than {MaxListItems} tags");
            }

            if (!tags.Contains(tag, StringComparer.Ordinal))
            {
                tags.Add(tag);
            }
        }

        public void AddDomain(string value, string field)
        {
            var domain = value.Trim().TrimStart('@').ToLowerInvariant();
            if (!DomainName().IsMatch(domain))
            {
                throw Invalid($"{field}: '{Shorten(value)}' is not an email domain (e.g. \"example.fr\")");
            }

            if (IsPublicDomain(domain))
            {
                throw Invalid($"{field}: '{domain}' is a public mail provider, anyone can write from it: it cannot identify a customer; list the customer's own domains only");
            }

            if (domains.Count >= MaxListItems)
            {
                throw Limit($"{field}: more than {MaxListItems} email domains");
            }

            if (!domains.Contains(domain))
            {
                domains.Add(domain);
            }
        }

        public void AddContact(string? name, string? email, string? phone, string where, bool csv = false)
        {
            string Field(string f) => csv ? $"{where}, field {(f == "name" ? "contact_name" : f)}" : $"{where}.{f}";
            if (contacts.Count + nationalPhones.Count >= MaxContacts)
            {
                throw Limit($"{Field("email")}: more than {MaxContacts} contacts for one customer");
            }

            name = Text(name, Field("name"), 200);
            string? normalizedEmail = null;
            if (!string.IsNullOrWhiteSpace(email))
            {
                var (normalized, error) = Grid.Addresses.Normalize(Channel.Email, email);
                normalizedEmail = normalized ?? throw Invalid($"{Field("email")}: '{Shorten(email)}' is not an email address");
                Addresses.Add(("email:" + normalizedEmail, Field("email")));
            }

            if (string.IsNullOrWhiteSpace(phone))
            {
                if (normalizedEmail is null)
                {
                    throw Invalid($"{Field("email")}: a contact needs an email or a phone");
                }

                contacts.Add(new DirectoryContact(name, normalizedEmail, null));
                return;
            }

            if (phone.TrimStart().StartsWith('+') || phone.TrimStart().StartsWith("00", StringComparison.Ordinal))
            {
                contacts.Add(new DirectoryContact(name, normalizedEmail, Phone(phone, null, Field("phone"))));
                Addresses.Add(("phone:" + contacts[^1].Phone, Field("phone")));
            }
            else
            {
                nationalPhones.Add((name, normalizedEmail, phone, Field("phone")));
            }
        }

        public void AddInvoice(string? number, string? amount, string? currency, string? date, string where, bool csv = false)
        {
            string Field(string f) => csv ? $"{where}, field {f}" : $"{where}.{f}";
            var canonical = AddNumber(number, Field("number"));
            decimal? parsedAmount = null;
            if (amount is not null)
            {
                parsedAmount = decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var a)
                    ? a
                    : throw Invalid($"{Field("amount")}: '{Shorten(amount)}' is not an amount; write it with a dot for decimals, e.g. 1342.80");
            }

            if (currency is not null && !CurrencyCode().IsMatch(currency))
            {
                throw Invalid($"{Field("currency")}: '{Shorten(currency)}' is not a currency; use a three-letter code (\"EUR\")");
            }

            DateOnly? parsedDate = null;
            if (date is not null)
            {
                parsedDate = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                    ? d
                    : throw Invalid($"{Field("date")}: '{Shorten(date)}' is not a date; use YYYY-MM-DD");
            }

            invoices.Add(new DirectoryInvoice(canonical, parsedAmount, currency?.ToUpperInvariant(), parsedDate));
        }

        public void AddReference(List<string> into, string? number, string field) => into.Add(AddNumber(number, field));

        private string AddNumber(string? number, string field)
        {
            if (string.IsNullOrWhiteSpace(number))
            {
                throw Invalid($"{field}: required (the number as your billing system writes it)");
            }

            if (numbers.Count >= MaxReferences)
            {
                throw Limit($"{field}: more than {MaxReferences} invoices, contracts and orders for one customer");
            }

            var value = Reference(number, field);
            numbers.Add(value);
            return value;
        }

        public void Check()
        {
            if (Id is null)
            {
                throw Invalid($"{Where}.id: required (the customer's id in your CRM, e.g. \"C-1001\")");
            }

            if (Company is null && Name is null)
            {
                throw Invalid($"{Where}{(Where.StartsWith("line", StringComparison.Ordinal) ? ", field company" : ".company")}: a customer needs a company or a name");
            }

            foreach (var (name, email, phone, field) in nationalPhones)
            {
                var normalized = Phone(phone, country, field);
                contacts.Add(new DirectoryContact(name, email, normalized));
                Addresses.Add(("phone:" + normalized, field));
            }

            nationalPhones.Clear();
        }

        public DirectoryCustomer Build() => new(
            Id!, Company, Name, account, tier, [.. tags], [.. domains], [.. contacts], [.. invoices], [.. Contracts], [.. Orders], language, country,
            consent.Count == 0 ? null : [.. consent], preferredChannel, timeZone, unsubscribed);
    }
}
