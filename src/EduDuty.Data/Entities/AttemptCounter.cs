namespace EduDuty.Data.Entities;

/// <summary>
/// How many attempts one key made in one fixed window (sign-in per client address, per account name, password changes per
/// user): counted in the database, so that every instance of a deployment shares the count.
/// </summary>
public class AttemptCounter
{
    /// <summary>What is counted: <c>address:198.51.100.1</c>, <c>account:wenxi.official</c>, <c>password:{user id}</c>.</summary>
    public required string Key { get; set; }

    /// <summary>The start of the window (UTC), a whole multiple of the window's length.</summary>
    public DateTime WindowStartUtc { get; set; }

    public int Count { get; set; }
}
