using System.Collections.Immutable;

namespace Samstyring.Web.Shared;

/// <summary>
/// The origins a form on our pages may end up at besides our own: a sign-in or sign-out form is answered with a
/// redirect to the identity provider, and browsers hold every redirect of a form submission to the page's
/// <c>form-action</c>. Only the configured providers' own endpoints are ever added.
/// </summary>
public sealed class FormTargets
{
    private readonly Lock _gate = new();
    private ImmutableSortedSet<string> _origins = ImmutableSortedSet<string>.Empty;

    /// <summary>The CSP source list after <c>'self'</c>: the origins, space separated (empty when there are none).</summary>
    public string Sources { get; private set; } = "";

    public IReadOnlySet<string> Origins => _origins;

    /// <summary>Adds the origin of an absolute http(s) address (an address without one is ignored).</summary>
    public void Add(string? address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")) return;
        var origin = uri.GetLeftPart(UriPartial.Authority);
        if (_origins.Contains(origin)) return;
        lock (_gate)
        {
            _origins = _origins.Add(origin);
            Sources = string.Join(' ', _origins);
        }
    }
}
