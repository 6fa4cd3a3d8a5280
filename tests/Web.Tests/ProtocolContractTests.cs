using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RegioLab.Sim.Web.Live;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace RegioLab.Sim.Web.Tests;

/// <summary>
/// The pages' src/protocol.ts is written by hand; these tests hold it to the JSON the server really
/// writes and reads. Each interface, string union and command union there names its C# type in a
/// doc comment (<c>@server Namespace.Type</c>), or says why it can not (<c>@unchecked why</c>).
/// </summary>
public sealed partial class ProtocolContractTests
{
    private static readonly Lazy<Protocol> Client = new(Protocol.Read);

    /// <summary>The JSON options of REST and of the hubs, as the host configures them.</summary>
    private static readonly Lazy<IReadOnlyList<(string Where, JsonSerializerOptions Options)>> Server = new(() =>
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddApplicationServices();
        using var provider = services.BuildServiceProvider();
        var rest = provider.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        var hub = provider.GetRequiredService<IOptions<JsonHubProtocolOptions>>().Value.PayloadSerializerOptions;

        // As the serializer does on first use: options without a resolver get the reflection one.
        rest.MakeReadOnly(populateMissingResolver: true);
        hub.MakeReadOnly(populateMissingResolver: true);
        return [("REST", rest), ("hub", hub)];
    });

    public static TheoryData<string> Interfaces() => [.. Client.Value.Interfaces.Where(i => i.Server is not null).Select(i => i.Name)];

    public static TheoryData<string> Unions() => [.. Client.Value.Unions.Where(u => u.Server is not null).Select(u => u.Name)];

    public static TheoryData<string> CommandUnions() => [.. Client.Value.CommandUnions.Where(u => u.Server is not null).Select(u => u.Name)];

    [Fact]
    public void Every_type_in_protocol_ts_names_its_server_type_or_says_why_not()
    {
        var protocol = Client.Value;
        var unnamed = protocol.Interfaces.Where(i => i.Server is null && !i.Unchecked).Select(i => i.Name)
            .Concat(protocol.Unions.Where(u => u.Server is null && !u.Unchecked).Select(u => u.Name))
            .Concat(protocol.CommandUnions.Where(u => u.Server is null && !u.Unchecked).Select(u => u.Name))
            .ToList();
        Assert.True(unnamed.Count == 0, $"protocol.ts: give {string.Join(", ", unnamed)} a '@server Namespace.Type' (or '@unchecked why') doc comment");
        Assert.True(protocol.Interfaces.Count > 40, $"protocol.ts: read only {protocol.Interfaces.Count} interfaces; has its layout changed?");
    }

    [Theory]
    [MemberData(nameof(Interfaces))]
    public void Interface_has_exactly_the_fields_of_its_server_type(string name)
    {
        var client = Client.Value.Interfaces.Single(i => i.Name == name);
        var type = ServerType(client.Server!, name);
        foreach (var (where, options) in Server.Value)
        {
            AssertSameFields($"protocol.ts interface {name} and {type.FullName} ({where} JSON)", client.Fields, FieldsOf(type, options));
        }
    }

    [Theory]
    [MemberData(nameof(Unions))]
    public void String_union_has_exactly_the_values_of_the_server_enum(string name)
    {
        var client = Client.Value.Unions.Single(u => u.Name == name);
        var type = ServerType(client.Server!, name);
        Assert.True(type.IsEnum, $"protocol.ts type {name}: {type.FullName} is not an enum");
        foreach (var (where, options) in Server.Value)
        {
            var values = Enum.GetValues(type).Cast<object>().Select(v => JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(v, type, options))!);
            AssertSameFields($"protocol.ts type {name} and enum {type.FullName} ({where} JSON)", client.Values, values, "value");
        }
    }

    [Theory]
    [MemberData(nameof(CommandUnions))]
    public void Every_command_the_page_sends_is_one_the_server_reads_with_the_same_fields(string name)
    {
        var client = Client.Value.CommandUnions.Single(u => u.Name == name);
        var type = ServerType(client.Server!, name);
        foreach (var (where, options) in Server.Value)
        {
            var polymorphism = options.GetTypeInfo(type).PolymorphismOptions;
            Assert.True(polymorphism is not null, $"protocol.ts type {name}: {type.FullName} has no JSON type discriminator");
            var derived = polymorphism.DerivedTypes.ToDictionary(d => (string)d.TypeDiscriminator!, d => d.DerivedType, StringComparer.Ordinal);
            var problems = new List<string>();
            foreach (var (discriminator, fields) in client.Members)
            {
                if (!derived.TryGetValue(discriminator, out var command))
                {
                    problems.Add($"the server reads no {type.Name} with {polymorphism.TypeDiscriminatorPropertyName} \"{discriminator}\" (it knows {string.Join(", ", derived.Keys)})");
                    continue;
                }

                var difference = Difference(fields.Where(f => f != polymorphism.TypeDiscriminatorPropertyName), FieldsOf(command, options));
                if (difference is not null)
                {
                    problems.Add($"\"{discriminator}\" and {command.FullName} differ by field: {difference}");
                }
            }

            Assert.True(problems.Count == 0, $"protocol.ts type {name} ({where} JSON): {string.Join("; ", problems)}");
        }
    }

    [Fact]
    public void The_contract_check_names_a_field_the_server_gained_lost_or_renamed()
    {
        // The comparison itself, on a known difference: otherwise a parser that read nothing would pass.
        var error = Assert.ThrowsAny<Exception>(() => AssertSameFields("Example", ["accepted", "code", "messages"], ["accepted", "code", "message", "reason"]));
        Assert.Contains("the server has 'message', 'reason'", error.Message, StringComparison.Ordinal);
        Assert.Contains("protocol.ts has 'messages'", error.Message, StringComparison.Ordinal);
        string[] ack = ["accepted", "version", "code", "message", "repeated", "reason"];
        Assert.Equal(ack, FieldsOf(typeof(Ack), Server.Value.Single(s => s.Where == "hub").Options));
    }

    private static void AssertSameFields(string what, IEnumerable<string> client, IEnumerable<string> server, string noun = "field")
    {
        var difference = Difference(client, server);
        Assert.True(difference is null, $"{what} differ by {noun}: {difference}");
    }

    /// <summary>What the server has that protocol.ts does not, and the other way round; null when they agree.</summary>
    private static string? Difference(IEnumerable<string> client, IEnumerable<string> server)
    {
        var clientSet = client.ToHashSet(StringComparer.Ordinal);
        var serverSet = server.ToHashSet(StringComparer.Ordinal);
        var missing = serverSet.Where(f => !clientSet.Contains(f)).Order(StringComparer.Ordinal).ToList();
        var extra = clientSet.Where(f => !serverSet.Contains(f)).Order(StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        if (missing.Count > 0)
        {
            problems.Add($"the server has {string.Join(", ", missing.Select(f => $"'{f}'"))}, which protocol.ts does not");
        }

        if (extra.Count > 0)
        {
            problems.Add($"protocol.ts has {string.Join(", ", extra.Select(f => $"'{f}'"))}, which the server does not");
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    /// <summary>The JSON property names of a type as the options write it; a type with a converter of its own, by writing one.</summary>
    private static List<string> FieldsOf(Type type, JsonSerializerOptions options)
    {
        var info = options.GetTypeInfo(type);
        if (info.Kind == JsonTypeInfoKind.Object)
        {
            return [.. info.Properties.Where(p => p.Get is not null).Select(p => p.Name)];
        }

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(Sample(type), type, options));
        Assert.True(json.RootElement.ValueKind == JsonValueKind.Object, $"{type.FullName} is not written as a JSON object");
        return [.. json.RootElement.EnumerateObject().Select(p => p.Name)];
    }

    /// <summary>An instance of a record made by its widest constructor: empty strings, zeros, nulls.</summary>
    private static object Sample(Type type)
    {
        var constructor = type.GetConstructors().MaxBy(c => c.GetParameters().Length)
            ?? throw new InvalidOperationException($"{type.FullName} has no public constructor");
        var arguments = constructor.GetParameters()
            .Select(p => p.ParameterType == typeof(string) ? string.Empty : p.ParameterType.IsValueType ? Activator.CreateInstance(p.ParameterType) : null)
            .ToArray();
        return constructor.Invoke(arguments);
    }

    private static Type ServerType(string fullName, string clientName)
    {
        Assembly[] assemblies = [typeof(Ack).Assembly, typeof(Contracts.MoveResult).Assembly, typeof(Scenarios.Model.Text).Assembly];
        var type = assemblies.Select(a => a.GetType(fullName)).SingleOrDefault(t => t is not null);
        Assert.True(type is not null, $"protocol.ts {clientName} names {fullName}, which the server does not have (renamed or moved?)");
        return type;
    }

    private sealed record Interface(string Name, string? Server, bool Unchecked, IReadOnlyList<string> Fields);

    private sealed record Union(string Name, string? Server, bool Unchecked, IReadOnlyList<string> Values);

    private sealed record CommandUnion(string Name, string? Server, bool Unchecked, IReadOnlyList<(string Type, IReadOnlyList<string> Fields)> Members);

    /// <summary>
    /// What protocol.ts declares, read by a deliberately small parser: flat interfaces of
    /// <c>name: type;</c> / <c>name?: type;</c> lines, unions of string literals, and unions of flat
    /// object types with a <c>type</c> field. A line it does not understand fails the test.
    /// </summary>
    private sealed partial record Protocol(IReadOnlyList<Interface> Interfaces, IReadOnlyList<Union> Unions, IReadOnlyList<CommandUnion> CommandUnions)
    {
        public static Protocol Read()
        {
            var source = File.ReadAllText(Location());
            var interfaces = InterfacePattern().Matches(source)
                .Select(m => new Interface(m.Groups["name"].Value, ServerOf(m), UncheckedOf(m), DeclaredFields(m.Groups["name"].Value, m.Groups["body"].Value)))
                .ToList();
            var unions = StringUnionPattern().Matches(source)
                .Select(m => new Union(m.Groups["name"].Value, ServerOf(m), UncheckedOf(m), [.. LiteralPattern().Matches(m.Groups["body"].Value).Select(l => l.Groups[1].Value)]))
                .ToList();
            var commands = CommandUnionPattern().Matches(source)
                .Select(m => new CommandUnion(
                    m.Groups["name"].Value,
                    ServerOf(m),
                    UncheckedOf(m),
                    [.. ObjectPattern().Matches(m.Groups["body"].Value).Select(o => Member(m.Groups["name"].Value, o.Groups[1].Value))]))
                .ToList();
            return new(interfaces, unions, commands);
        }

        private static string? ServerOf(Match m)
        {
            var tag = ServerTagPattern().Match(m.Groups["doc"].Value);
            return tag.Success ? tag.Groups[1].Value : null;
        }

        private static bool UncheckedOf(Match m) => m.Groups["doc"].Value.Contains("@unchecked ", StringComparison.Ordinal);

        private static List<string> DeclaredFields(string name, string body)
        {
            var fields = new List<string>();
            foreach (var declaration in CommentPattern().Replace(body, string.Empty).Split(';').Select(d => d.Trim()).Where(d => d.Length > 0))
            {
                var field = FieldPattern().Match(declaration);
                Assert.True(field.Success, $"protocol.ts interface {name}: can not read '{declaration}'");
                fields.Add(field.Groups[1].Value);
            }

            return fields;
        }

        private static (string Type, IReadOnlyList<string> Fields) Member(string union, string body)
        {
            var fields = DeclaredFields(union, body);
            var type = TypeFieldPattern().Match(body);
            Assert.True(type.Success, $"protocol.ts type {union}: a member has no type: \"...\" field: {{{body}}}");
            return (type.Groups[1].Value, fields);
        }

        private static string Location()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "src", "Web", "ClientApp", "src", "protocol.ts");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("src/Web/ClientApp/src/protocol.ts is not above the test's directory");
        }

        [GeneratedRegex(@"(?:/\*\*(?<doc>(?:(?!\*/)[\s\S])*)\*/\s*)?^export interface (?<name>\w+) \{(?<body>[^}]*)\}", RegexOptions.Multiline)]
        private static partial Regex InterfacePattern();

        [GeneratedRegex(@"(?:/\*\*(?<doc>(?:(?!\*/)[\s\S])*)\*/\s*)?^export type (?<name>\w+) =\s*(?<body>""[^;]*);", RegexOptions.Multiline)]
        private static partial Regex StringUnionPattern();

        [GeneratedRegex(@"(?:/\*\*(?<doc>(?:(?!\*/)[\s\S])*)\*/\s*)?^export type (?<name>\w+) =\s*(?<body>(?:\s*\|\s*\{[^}]*\})+);", RegexOptions.Multiline)]
        private static partial Regex CommandUnionPattern();

        [GeneratedRegex(@"@server ([\w.]+)")]
        private static partial Regex ServerTagPattern();

        [GeneratedRegex(@"""([^""]*)""")]
        private static partial Regex LiteralPattern();

        [GeneratedRegex(@"\{([^}]*)\}")]
        private static partial Regex ObjectPattern();

        [GeneratedRegex(@"/\*[\s\S]*?\*/|//[^\n]*")]
        private static partial Regex CommentPattern();

        [GeneratedRegex(@"^(\w+)\??\s*:\s*\S[\s\S]*$")]
        private static partial Regex FieldPattern();

        [GeneratedRegex(@"\btype\s*:\s*""([^""]+)""")]
        private static partial Regex TypeFieldPattern();
    }
}
