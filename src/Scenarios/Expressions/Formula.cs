using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using NCalc;
using NCalc.Exceptions;
using NCalc.Factories;
using NCalc.Visitors;

namespace RegioLab.Sim.Scenarios.Expressions;

/// <summary>The values a formula may read: metrics by id, resources as "role.resource", round and rounds.</summary>
public interface IFormulaScope
{
    bool TryGet(string name, out double value);
}

/// <summary>
/// A small expression over metrics and resources, parsed once by NCalc and evaluated without
/// any access to .NET types: only the names in scope and the whitelisted functions exist.
/// </summary>
public sealed class Formula
{
    /// <summary>The only functions a formula may call.</summary>
    public static readonly FrozenSet<string> AllowedFunctions =
        new[] { "Abs", "Min", "Max", "Round", "Floor", "Ceiling", "Sqrt", "if" }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly LogicalExpressionParserOptions ParserOptions = new();
    private static readonly ExpressionEvaluationOptions EvaluationOptions = new();
    private static readonly EvaluationVisitorFactory VisitorFactory = new();

    private readonly LogicalExpression expression;

    private Formula(string source, LogicalExpression expression, ImmutableArray<string> names, ImmutableArray<string> functions)
    {
        Source = source;
        this.expression = expression;
        Names = names;
        Functions = functions;
    }

    public string Source { get; }

    /// <summary>The names the formula reads, as written (brackets removed).</summary>
    public ImmutableArray<string> Names { get; }

    public ImmutableArray<string> Functions { get; }

    public static Formula Constant(double value) =>
        Parse(value.ToString("R", CultureInfo.InvariantCulture)).Formula!;

    /// <summary>Parses the text; on failure returns the parser's complaint and the 1-based column it names.</summary>
    public static FormulaParse Parse(string source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return new FormulaParse(null, "the formula is empty", 1);
        }

        try
        {
            var parsed = LogicalExpressionParser.Parse(source, ParserOptions, CultureInfo.InvariantCulture, CancellationToken.None);
            var names = parsed.Accept(new ParameterExtractionVisitor()).Distinct(StringComparer.Ordinal).ToImmutableArray();
            var functions = parsed.Accept(new FunctionExtractionVisitor()).Distinct(StringComparer.Ordinal).ToImmutableArray();
            return new FormulaParse(new Formula(source, parsed, names, functions), null, 0);
        }
        catch (NCalcParserException e)
        {
            return new FormulaParse(null, ParserMessage(e.Message), ParserColumn(e.Message));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            return new FormulaParse(null, e.Message, 1);
        }
    }

    /// <summary>Evaluates to a number; booleans count as 1 and 0. Errors become <see cref="FormulaException"/>.</summary>
    public double Number(IFormulaScope scope) => ToNumber(Evaluate(scope));

    /// <summary>Evaluates to a truth value; a number is true when it is not zero.</summary>
    public bool IsTrue(IFormulaScope scope) => Evaluate(scope) switch
    {
        bool b => b,
        var other => ToNumber(other) != 0,
    };

    public override string ToString() => Source;

    private object? Evaluate(IFormulaScope scope)
    {
        var context = new ExpressionContext
        {
            EvaluateParameterHandler = (name, args) =>
            {
                if (!scope.TryGet(name, out var value))
                {
                    throw new FormulaException($"'{name}' is not known here");
                }

                args.Result = value;
            },
        };
        try
        {
            return expression.Accept(new EvaluationVisitor(context, EvaluationOptions, CultureInfo.InvariantCulture, VisitorFactory, CancellationToken.None));
        }
        catch (NCalcException e)
        {
            throw new FormulaException($"'{Source}' could not be evaluated: {e.Message}");
        }
        catch (Exception e) when (e is InvalidCastException or ArgumentException or FormatException or OverflowException or InvalidOperationException)
        {
            throw new FormulaException($"'{Source}' could not be evaluated: {e.Message}");
        }
    }

    private static double ToNumber(object? value)
    {
        var number = value switch
        {
            bool b => b ? 1 : 0,
            double d => d,
            int i => i,
            long l => l,
            decimal m => (double)m,
            float f => f,
            _ => throw new FormulaException($"expected a number but the formula gave '{value}'"),
        };
        return double.IsFinite(number) ? number : 0;
    }

    private static string ParserMessage(string message)
    {
        var at = message.IndexOf(" at position", StringComparison.Ordinal);
        return at > 0 ? message[..at].ToLowerInvariant() : message;
    }

    private static int ParserColumn(string message)
    {
        // NCalc reports "(line:column)" at the end of its parser message.
        var open = message.LastIndexOf('(');
        var colon = message.LastIndexOf(':');
        var close = message.LastIndexOf(')');
        return open >= 0 && colon > open && close > colon
            && int.TryParse(message.AsSpan(colon + 1, close - colon - 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var column)
            ? column
            : 1;
    }
}

/// <summary>The outcome of parsing a formula: the formula, or why it did not parse.</summary>
public sealed record FormulaParse(Formula? Formula, string? Error, int Column);

/// <summary>A formula that could not be evaluated (a name not in scope, a type mismatch).</summary>
public sealed class FormulaException(string message) : Exception(message);
