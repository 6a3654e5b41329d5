using System.Text;

namespace Grid.Triage;

/// <summary>
/// A strict RFC 4180 reader of a tenant's labelled history: header <c>text,category</c>, one record per email, fields
/// quoted when they hold commas, quotes (doubled) or line breaks; CRLF or LF between records; UTF-8 with or without a
/// byte-order mark. Anything else is refused with a <see cref="TriageRuleException"/> naming the physical line where the
/// record starts and the field: a quote inside an unquoted field, text after a closing quote, an unterminated quote, a
/// record without two fields, an empty text or category, a category the tenant does not have.
/// </summary>
internal static class TriageCsv
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a file's bytes (UTF-8, a BOM allowed). Invalid UTF-8 is refused.</summary>
    public static IReadOnlyList<TriageExample> Read(byte[] bytes, IReadOnlyCollection<string>? categories = null)
    {
        string text;
        try
        {
            var span = bytes.AsSpan();
            if (span.StartsWith(Encoding.UTF8.Preamble))
            {
                span = span[3..];
            }

            text = StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException ex)
        {
            throw new TriageRuleException(TriageErrorCodes.Invalid,
                $"the file is not valid UTF-8 (byte {ex.Index} of an invalid sequence): save it as UTF-8", "file");
        }

        return Read(text, categories);
    }

    /// <summary>Reads the file's text; <paramref name="categories"/>, when given, are the only categories accepted.</summary>
    public static IReadOnlyList<TriageExample> Read(string text, IReadOnlyCollection<string>? categories = null)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var known = categories is null ? null : new HashSet<string>(categories, StringComparer.Ordinal);
        var records = Records(text).ToList();
        if (records.Count == 0)
        {
            throw new TriageRuleException(TriageErrorCodes.Invalid, "line 1: the file is empty: it needs the header 'text,category'", "header", 1);
        }

        var (headerLine, header) = records[0];
        if (header.Count != 2 || header[0] != "text" || header[1] != "category")
        {
            throw new TriageRuleException(TriageErrorCodes.Invalid,
                $"line {headerLine}: the header must be 'text,category', found '{string.Join(",", header)}'", "header", headerLine);
        }

        var examples = new List<TriageExample>(records.Count - 1);
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count != 2)
            {
                throw new TriageRuleException(TriageErrorCodes.Invalid,
                    $"line {line}: a record has 2 fields (text,category), this one has {fields.Count}: quote a text holding commas", "record", line);
            }

            if (string.IsNullOrWhiteSpace(fields[0]))
            {
                throw new TriageRuleException(TriageErrorCodes.Invalid, $"line {line}: field 'text' is empty", "text", line);
            }

            var category = fields[1].Trim();
            if (category.Length == 0)
            {
                throw new TriageRuleException(TriageErrorCodes.Invalid, $"line {line}: field 'category' is empty", "category", line);
            }

            if (known is not null && !known.Contains(category))
            {
                throw new TriageRuleException(TriageErrorCodes.Invalid,
                    $"line {line}: field 'category' holds '{category}', which is not one of the tenant's categories ({string.Join(", ", known.Order(StringComparer.Ordinal))})",
                    "category", line);
            }

            examples.Add(new TriageExample(fields[0], category, line));
        }

        if (examples.Count == 0)
        {
            throw new TriageRuleException(TriageErrorCodes.Invalid, "the file has a header but no record", "record", headerLine);
        }

        return examples;
    }

    /// <summary>The records with the physical line each starts on. A blank line at the very end is no record.</summary>
    internal static IEnumerable<(int Line, List<string> Fields)> Records(string text, Func<int, string>? fieldName = null)
    {
        fieldName ??= FieldName;
        var i = 0;
        var line = 1;
        while (i < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            while (true)
            {
                var fieldNumber = fields.Count + 1;
                if (i < text.Length && text[i] == '"')
                {
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            throw new TriageRuleException(TriageErrorCodes.Invalid,
                                $"line {start}: field '{fieldName(fieldNumber)}' opens a quote that is never closed", fieldName(fieldNumber), start);
                        }

                        var c = text[i++];
                        if (c == '"')
                        {
                            if (i < text.Length && text[i] == '"')
                            {
                                field.Append('"');
                                i++;
                                continue;
                            }

                            break;
                        }

                        if (c == '\n')
                        {
                            line++;
                        }

                        field.Append(c);
                    }

                    if (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        throw new TriageRuleException(TriageErrorCodes.Invalid,
                            $"line {line}: field '{fieldName(fieldNumber)}' of the record starting on line {start} has text after its closing quote (a quote inside a quoted field is written twice: \"\")",
                            fieldName(fieldNumber), start);
                    }
                }
                else
                {
                    while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                    {
                        if (text[i] == '"')
                        {
                            throw new TriageRuleException(TriageErrorCodes.Invalid,
                                $"line {line}: field '{fieldName(fieldNumber)}' has a quote but does not start with one: quote the whole field and double the quotes inside",
                                fieldName(fieldNumber), start);
                        }

                        field.Append(text[i++]);
                    }
                }

                fields.Add(field.ToString());
                field.Clear();
                if (i < text.Length && text[i] == ',')
                {
                    i++;
                    continue;
                }

                break;
            }

            // End of record: CRLF, LF or the end of the file. A lone CR is refused (not a line break in RFC 4180 nor in LF files).
            if (i < text.Length && text[i] == '\r')
            {
                if (i + 1 >= text.Length || text[i + 1] != '\n')
                {
                    throw new TriageRuleException(TriageErrorCodes.Invalid, $"line {line}: a carriage return not followed by a line feed", "record", start);
                }

                i++;
            }

            if (i < text.Length && text[i] == '\n')
            {
                i++;
                line++;
            }

            if (fields is [""] && i >= text.Length)
            {
                yield break;
            }

            if (fields is [""])
            {
                throw new TriageRuleException(TriageErrorCodes.Invalid, $"line {start}: an empty line between records", "record", start);
            }

            yield return (start, fields);
        }
    }

    private static string FieldName(int number) => number switch
    {
        1 => "text",
        2 => "category",
        _ => $"field{number}",
    };
}
