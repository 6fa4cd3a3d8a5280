using System.ComponentModel.DataAnnotations;

namespace RegioLab.Sim.Web;

/// <summary>Who may write to the scenario library over REST, and how often; bound from the "Library" configuration section.</summary>
public sealed class LibraryOptions
{
    public const string Section = "Library";

    /// <summary>
    /// The key an author sends as <c>Authorization: Bearer KEY</c> to upload, fork or delete. Not set:
    /// writing is open to requests from this machine only (loopback, not through a proxy), so the one-command
    /// laptop set-up just works.
    /// </summary>
    public string? AuthorKey { get; set; }

    /// <summary>Library requests that validate or write (validate, upload, fork, delete) per client address per minute; more get HTTP 429.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Library:RequestsPerMinute must be 1 or more")]
    public int RequestsPerMinute { get; set; } = 60;

    internal bool HasKey => !string.IsNullOrEmpty(AuthorKey);

    /// <summary>Not set, or long enough not to be guessed.</summary>
    internal bool HasValidKey => !HasKey || AuthorKey!.Length >= 16;
}
