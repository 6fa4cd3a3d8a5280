using RegioLab.Sim.Scenarios.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RegioLab.Sim.Scenarios.Format;

/// <summary>
/// Reads YAML text into <see cref="YamlNode"/>s without ever throwing at the author: syntax
/// errors, nesting, alias expansion and over-long strings become diagnostics.
/// </summary>
internal static partial class YamlDocumentReader
{
    public const int MaxDepth = 32;
    public const int MaxExpandedNodes = 100_000;
    public const int MaxStringLength = 20_000;

    public static YamlNode? Read(string text, string file, List<Diagnostic> diagnostics)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            return ReadEvents(parser, file, diagnostics);
        }
        catch (YamlException e)
        {
            if (Explain(text, (int)e.Start.Line, e.Message, file) is { } explained)
            {
                diagnostics.Add(explained);
                return null;
            }

            diagnostics.Add(new Diagnostic(file, Math.Max(1, (int)e.Start.Line), Math.Max(1, (int)e.Start.Column), Severity.Error,
                Codes.YamlSyntax, $"YAML syntax: {Clean(e.Message)}"));
            return null;
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this for some unclosed brackets instead of a YamlException;
            // the last event it produced is the best position we have.
            var at = parser.Current?.End;
            diagnostics.Add(new Diagnostic(file, Math.Max(1, (int)(at?.Line ?? 1)), Math.Max(1, (int)(at?.Column ?? 1)), Severity.Error,
                Codes.YamlSyntax, $"YAML syntax: the document ends inside an unclosed bracket or quote after this point ({Clean(e.Message)})"));
            return null;
        }
    }

    private static YamlNode? ReadEvents(IParser parser, string file, List<Diagnostic> diagnostics)
    {
        var anchors = new Dictionary<string, (YamlNode Node, long Size)>(StringComparer.Ordinal);
        var open = new Stack<Container>();
        YamlNode? root = null;
        long rootSize = 0;
        var documents = 0;

        while (parser.MoveNext())
        {
            var current = parser.Current!;
            var line = Math.Max(1, (int)current.Start.Line);
            var column = Math.Max(1, (int)current.Start.Column);
            switch (current)
            {
                case DocumentStart:
                    documents++;
                    if (documents > 1)
                    {
                        diagnostics.Add(new Diagnostic(file, line, column, Severity.Error, Codes.YamlSyntax,
                            "expected one YAML document per scenario file, found a second one ('---')"));
                        return null;
                    }

                    break;
                case MappingStart or SequenceStart:
                    if (open.Count >= MaxDepth)
                    {
                        diagnostics.Add(new Diagnostic(file, line, column, Severity.Error, Codes.TooDeep,
                            $"nesting deeper than {MaxDepth} levels; a scenario never needs that many"));
                        return null;
                    }

                    var anchor = current is NodeEvent { Anchor.IsEmpty: false } n ? n.Anchor.Value : null;
                    open.Push(new Container(current is MappingStart, line, column, anchor));
                    break;
                case Scalar scalar:
                    if (scalar.Value.Length > MaxStringLength)
                    {
                        diagnostics.Add(new Diagnostic(file, line, column, Severity.Error, Codes.StringTooLong,
                            $"a text of {scalar.Value.Length} characters; at most {MaxStringLength} are allowed"));
                        return null;
                    }

                    var node = new YamlScalar(scalar.Value, scalar.Style is not ScalarStyle.Plain, line, column);
                    if (!scalar.Anchor.IsEmpty)
                    {
                        anchors[scalar.Anchor.Value] = (node, 1);
                    }

                    if (!Add(node, 1))
                    {
                        return null;
                    }

                    break;
                case AnchorAlias alias:
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                    {
                        diagnostics.Add(new Diagnostic(file, line, column, Severity.Error, Codes.YamlSyntax,
                            $"the alias '*{alias.Value.Value}' names no anchor defined before it"));
                        return null;
                    }

                    if (!Add(target.Node, target.Size, line, column))
                    {
                        return null;
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    var done = open.Pop();
                    var built = done.Build();
                    if (done.Anchor is not null)
                    {
                        anchors[done.Anchor] = (built, done.Size);
                    }

                    if (!Add(built, done.Size))
                    {
                        return null;
                    }

                    break;
            }
        }

        if (root is null || (root is YamlScalar s && s.IsNull))
        {
            diagnostics.Add(new Diagnostic(file, 1, 1, Severity.Error, Codes.EmptyDocument,
                "the file holds no scenario; expected a mapping starting with 'id:'"));
            return null;
        }

        return root;

        // Adds a finished node to its parent; the size counts the node as aliases expand it.
        bool Add(YamlNode node, long size, int? atLine = null, int? atColumn = null)
        {
            if (open.Count == 0)
            {
                root = node;
                rootSize = size;
                return true;
            }

            var parent = open.Peek();
            parent.Size += size;
            if (parent.Size > MaxExpandedNodes || rootSize > MaxExpandedNodes)
            {
                diagnostics.Add(new Diagnostic(file, atLine ?? node.Line, atColumn ?? node.Column, Severity.Error, Codes.AliasExpansion,
                    $"the document expands to more than {MaxExpandedNodes} nodes (aliases repeating aliases?); a scenario never needs that many"));
                return false;
            }

            var duplicate = parent.Add(node);
            if (duplicate is not null)
            {
                diagnostics.Add(new Diagnostic(file, duplicate.Line, duplicate.Column, Severity.Error, Codes.DuplicateKey,
                    $"the key '{duplicate.Value}' appears twice in the same mapping; the second would silently replace the first"));
            }

            return true;
        }
    }

    /// <summary>
    /// The two syntax errors authors make most, said in their words and where they are, rather than where the
    /// parser gave up: a tab in the indentation (YamlDotNet names the mapping around it), and a formula that
    /// starts with '[' written without quotes (YAML reads a list, then stumbles on the rest of the line).
    /// </summary>
    private static Diagnostic? Explain(string text, int errorLine, string message, string file)
    {
        var lines = text.Split('\n');

        // Only when the parser says it was a tab: a tab inside a block text's lines is the author's to keep.
        var tabs = message.Contains("tab", StringComparison.OrdinalIgnoreCase)
            ? Enumerable.Range(Math.Max(0, errorLine - 1), lines.Length - Math.Max(0, errorLine - 1)).Concat(Enumerable.Range(0, Math.Max(0, errorLine - 1)))
            : [];
        foreach (var i in tabs)
        {
            var line = lines[i].TrimEnd('\r');
            var indent = line.Length - line.TrimStart(' ', '\t').Length;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent)
            {
                return new Diagnostic(file, i + 1, tab + 1, Severity.Error, Codes.YamlSyntax,
                    "a tab in the indentation; YAML indents with spaces only (replace the tab with spaces)");
            }
        }

        for (var i = Math.Max(0, errorLine - 2); i < Math.Min(lines.Length, errorLine); i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (BracketFormula().Match(line) is { Success: true } match)
            {
                var value = match.Groups["value"];
                return new Diagnostic(file, i + 1, value.Index + 1, Severity.Error, Codes.UnquotedBracket,
                    $"a value that starts with '[' is read as a list; quote the formula: \"{value.Value}\"",
                    $"\"{value.Value}\"");
            }
        }

        return null;
    }

    /// <summary>A key whose plain value starts with a [bracketed name] and goes on with more formula: "when: [a.b] >= 4".</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?:-\s+)?[\w""'.]+\s*:\s+(?<value>\[[^\]\[]*\]\s*[^\s#,\]}][^#]*?)\s*$")]
    private static partial System.Text.RegularExpressions.Regex BracketFormula();

    private static string Clean(string message)
    {
        // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the diagnostic has the position already.
        var at = message.LastIndexOf("): ", StringComparison.Ordinal);
        var text = at >= 0 ? message[(at + 3)..] : message;
        return text.TrimEnd('.').Trim();
    }

    private sealed class Container(bool isMapping, int line, int column, string? anchor)
    {
        private readonly List<YamlNode> items = [];
        private readonly List<KeyValuePair<YamlScalar, YamlNode>> entries = [];
        private readonly HashSet<string> keys = new(StringComparer.Ordinal);
        private YamlNode? pendingKey;

        public string? Anchor { get; } = anchor;

        public long Size { get; set; } = 1;

        /// <summary>Adds a child; returns the key when it repeats an earlier key of this mapping.</summary>
        public YamlScalar? Add(YamlNode node)
        {
            if (!isMapping)
            {
                items.Add(node);
                return null;
            }

            if (pendingKey is null)
            {
                pendingKey = node;
                return null;
            }

            // Complex keys are read as their text so that a typo still gets a message, not a crash.
            var key = pendingKey as YamlScalar ?? new YamlScalar(pendingKey.Kind, true, pendingKey.Line, pendingKey.Column);
            pendingKey = null;
            if (!keys.Add(key.Value))
            {
                return key;
            }

            entries.Add(new(key, node));
            return null;
        }

        public YamlNode Build() => isMapping ? new YamlMapping(entries, line, column) : new YamlSequence(items, line, column);
    }
}
