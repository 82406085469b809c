namespace EduDuty.Data.Entities;

/// <summary>
/// A signed-in session, kept on the server: the cookie carries only <see cref="Id"/>. Deleting the row ends the session at
/// once on every instance (sign-out, password change, a disabled or reassigned user).
/// </summary>
public class UserSession
{
    /// <summary>Random, unguessable key (the cookie's content).</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>The authentication ticket, serialised and protected with the shared Data Protection keys.</summary>
    public required byte[] Ticket { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When the ticket expires (sliding: moved on by renewals); null when it does not say.</summary>
    public DateTime? ExpiresAtUtc { get; set; }
}
