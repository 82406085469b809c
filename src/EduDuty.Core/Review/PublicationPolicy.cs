using EduDuty.Core.Messaging;
using EduDuty.Core.Security;

namespace EduDuty.Core.Review;

/// <summary>What the rules need to know to publish: the evaluation's state, its current frozen edition, what is public now.</summary>
/// <param name="EditionLabel">The current edition's label (已提交 第2版, 审核通过版（第2版）); null: none stored (submitted before editions were kept).</param>
/// <param name="EditionIsApproved">The current edition is the approved one (审核通过版), not a submitted one.</param>
/// <param name="EditionIsPublic">The current edition is the one public now.</param>
/// <param name="RequireApproval">The deployment or the county's province publishes approved editions only.</param>
/// <param name="EditionWithdrawnReason">The current edition was published before and an admin withdrew it, for this reason.</param>
public sealed record PublicationFacts(
    EvaluationStatus Status, string? EditionLabel, bool EditionIsApproved, bool EditionIsPublic, bool RequireApproval, string? EditionWithdrawnReason = null);

/// <summary>
/// Who may publish a county's report (公示) and withdraw a publication, and when (decision 0033): the one place of the rule,
/// read by the report page's card and decided again inside the write, on what is stored once the evaluation is held.
/// </summary>
public static class PublicationPolicy
{
    /// <summary>
    /// The county's own lead publishes the current edition: what was submitted (unless approval is required) or approved,
    /// and not an edition an admin withdrew (the county corrects it and hands in a new edition first). Null: allowed.
    /// </summary>
    public static Message? Publish(PublicationFacts facts, Viewer viewer)
    {
        if (!viewer.InScope) return Messages.OutOfScope;
        if (!viewer.Is(Roles.CountyLead)) return Messages.PublishOnlyLead;
        if (facts.Status is not (EvaluationStatus.Submitted or EvaluationStatus.Approved)) return Messages.PublishNothingFrozen(facts.Status);
        if (facts.EditionLabel is not { } label) return Messages.PublishNoEdition;
        if (facts.RequireApproval && !facts.EditionIsApproved) return Messages.PublishNeedsApproval;
        if (facts.EditionIsPublic) return Messages.AlreadyPublished(label);
        if (facts.EditionWithdrawnReason is { } why) return Messages.EditionWithdrawn(label, why);
        return null;
    }

    /// <summary>An admin whose region covers the county withdraws what is public now. Null: allowed.</summary>
    public static Message? Withdraw(bool somethingPublic, Viewer viewer)
    {
        if (!viewer.InScope) return Messages.OutOfScope;
        if (!viewer.Is(Roles.Admin)) return Messages.WithdrawOnlyAdmin;
        return somethingPublic ? null : Messages.NothingToWithdraw;
    }

    /// <summary>Whether the viewer is the one who publishes (the card shows them the form, or why not).</summary>
    public static bool Publishes(Viewer viewer) => viewer.InScope && viewer.Is(Roles.CountyLead);

    /// <summary>Whether the viewer is the one who withdraws.</summary>
    public static bool Withdraws(Viewer viewer) => viewer.InScope && viewer.Is(Roles.Admin);
}
