using EduDuty.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// A password hash of no one's password, made once per process with the portal's hasher (same algorithm and iterations as
/// the users' hashes): a sign-in that has no real hash to check (an unknown, locked or disabled account) verifies against
/// this one, so that it costs exactly one hash like a wrong password of an active account. Made once, at start, not per
/// request: a hash made for the occasion would cost a second hash and tell those accounts apart again.
/// </summary>
public sealed class DummyPasswordHash
{
    private static readonly AppUser Nobody = new() { UserName = "nobody", DisplayName = "nobody" };
    private string? _hash;

    /// <summary>Made at start (<see cref="Pipeline"/>), so that not even the first failed sign-in pays for it.</summary>
    public void Prepare(IPasswordHasher<AppUser> hasher) =>
        _hash ??= hasher.HashPassword(Nobody, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));

    public void Verify(IPasswordHasher<AppUser> hasher, string password)
    {
        Prepare(hasher);
        hasher.VerifyHashedPassword(Nobody, _hash!, password);
    }
}
