namespace RegioLab.Sim.Scenarios.Validation;

/// <summary>How serious a diagnostic is: errors stop a scenario from loading, warnings do not.</summary>
public enum Severity { Error, Warning }

/// <summary>One problem found in a scenario file, at a 1-based line and column; <see cref="Fix"/> is the suggested replacement text where there is one.</summary>
public sealed record Diagnostic(string File, int Line, int Column, Severity Severity, string Code, string Message, string? Fix = null)
{
    /// <summary>The compiler-style line: <c>FILE:LINE:COL: error CODE: message</c>.</summary>
    public override string ToString() =>
        $"{File}:{Line}:{Column}: {(Severity == Severity.Error ? "error" : "warning")} {Code}: {Message}";
}
