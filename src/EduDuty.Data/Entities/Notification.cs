namespace EduDuty.Data.Entities;

/// <summary>What a notification is about; decides nothing but its icon and grouping on the list page.</summary>
public enum NotificationKind
{
    Returned = 1,
    Approved = 2,
    Reopened = 3,
    Submitted = 4,
    Comment = 5,
    Deadline = 6,

    /// <summary>A county's report published (公示), told to its supervisors.</summary>
    Published = 7,

    /// <summary>A publication withdrawn by an admin, told to the county's supervisors.</summary>
    PublicationWithdrawn = 8,

    /// <summary>A department's part (issue 30): sent to the county, accepted, returned, changed by the county, or its deadline near.</summary>
    Department = 9,
}

/// <summary>
/// One message in a user's portal inbox (站内消息): what happened, where to go, when it was read. <see cref="Key"/> makes a
/// message unique per user, so that a reminder computed twice (two instances, a restart) is stored once.
/// </summary>
public class Notification
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public NotificationKind Kind { get; set; }

    public required string Text { get; set; }

    /// <summary>A local path of the portal ("/Evaluations/3/Comments").</summary>
    public required string Url { get; set; }

    public required string Key { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? ReadAtUtc { get; set; }

    /// <summary>When it was also sent by e-mail; null while unsent or when the portal sends no e-mail.</summary>
    public DateTime? EmailedAtUtc { get; set; }
}
