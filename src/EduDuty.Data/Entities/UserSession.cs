namespace EduDuty.Data.Entities;

/// <summary>
/// A signed-in session, kept on the server: the cookie carries only <see cref="Id"/>. Deleting the row ends the session at
/// once on every instance (sign-out, a new sign-in on the same browser); a session whose <see cref="SecurityStamp"/> is no
/// longer the user's reads nothing either (a password change, a disabled or reassigned user).
/// </summary>
public class UserSession
{
    /// <summary>Random, unguessable key (the cookie's content).</summary>
    public required string Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>The authentication ticket, serialised and protected with the shared Data Protection keys.</summary>
    public required byte[] Ticket { get; set; }

    /// <summary>
    /// The user's security stamp when the session began. A session reads nothing once the user's stamp has moved on (a password
    /// change or reset, a new role or region, a disabled account, two-factor sign-in turned on or off): checked on every
    /// request, in the same query that finds the session.
    /// </summary>
    public required string SecurityStamp { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When the ticket expires (sliding: moved on by renewals); null when it does not say.</summary>
    public DateTime? ExpiresAtUtc { get; set; }
}
