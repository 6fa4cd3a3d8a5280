namespace RegioLab.Sim.Scenarios.Model;

/// <summary>Player-facing text in Dutch (the default) and English.</summary>
public sealed record Text(string Nl, string En)
{
    public static readonly Text Empty = new(string.Empty, string.Empty);

    /// <summary>The text in the given language ("nl" or "en"); Dutch for anything else.</summary>
    public string In(string language) => language == "en" ? En : Nl;

    public override string ToString() => Nl;
}
