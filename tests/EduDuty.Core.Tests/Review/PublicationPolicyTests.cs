using EduDuty.Core.Messaging;
using EduDuty.Core.Review;
using EduDuty.Core.Security;

namespace EduDuty.Core.Tests.Review;

/// <summary>Issue 25: who may publish (公示) and withdraw, and when — each refusal with its cause.</summary>
public sealed class PublicationPolicyTests
{
    private static readonly Viewer Lead = new([Roles.CountyLead]);
    private static readonly Viewer Official = new([Roles.CountyOfficial]);
    private static readonly Viewer Supervisor = new([Roles.Supervisor]);
    private static readonly Viewer Admin = new([Roles.Admin]);

    private static PublicationFacts Facts(EvaluationStatus status = EvaluationStatus.Submitted, string? label = "已提交 第1版", bool approved = false,
        bool isPublic = false, bool requireApproval = false, string? withdrawn = null) => new(status, label, approved, isPublic, requireApproval, withdrawn);

    [Fact]
    public void The_countys_lead_publishes_a_submitted_or_an_approved_edition()
    {
        Assert.Null(PublicationPolicy.Publish(Facts(), Lead));
        Assert.Null(PublicationPolicy.Publish(Facts(EvaluationStatus.Approved, "审核通过版（第1版）", approved: true, requireApproval: true), Lead));
    }

    [Fact]
    public void Publishing_is_refused_with_its_cause()
    {
        Assert.Equal(Messages.PublishOnlyLead, PublicationPolicy.Publish(Facts(), Official));
        Assert.Equal(Messages.PublishOnlyLead, PublicationPolicy.Publish(Facts(), Admin));
        Assert.Equal(Messages.OutOfScope, PublicationPolicy.Publish(Facts(), Lead with { InScope = false }));
        Assert.Equal("评价当前状态为“已退回”，没有可以公示的版本：只有已提交或审核通过的报告可以公示。请提交后再公示。",
            PublicationPolicy.Publish(Facts(EvaluationStatus.Returned, null), Lead)!.Text);
        Assert.Equal(Messages.PublishNoEdition, PublicationPolicy.Publish(Facts(label: null), Lead));
        Assert.Equal(Messages.PublishNeedsApproval, PublicationPolicy.Publish(Facts(requireApproval: true), Lead));
        Assert.Equal("已提交 第1版已在公示中，无需再次公示。请刷新页面查看公示状态。", PublicationPolicy.Publish(Facts(isPublic: true), Lead)!.Text);
        Assert.Equal("edition-withdrawn", PublicationPolicy.Publish(Facts(withdrawn: "数据有误"), Lead)!.Code);
        Assert.Contains("（理由：数据有误）", PublicationPolicy.Publish(Facts(withdrawn: "数据有误"), Lead)!.Text);
    }

    [Fact]
    public void Only_an_admin_of_the_region_withdraws_and_only_what_is_public()
    {
        Assert.Null(PublicationPolicy.Withdraw(somethingPublic: true, Admin));
        Assert.Equal(Messages.NothingToWithdraw, PublicationPolicy.Withdraw(somethingPublic: false, Admin));
        Assert.Equal(Messages.WithdrawOnlyAdmin, PublicationPolicy.Withdraw(somethingPublic: true, Supervisor));
        Assert.Equal(Messages.WithdrawOnlyAdmin, PublicationPolicy.Withdraw(somethingPublic: true, Lead));
        Assert.Equal(Messages.OutOfScope, PublicationPolicy.Withdraw(somethingPublic: true, Admin with { InScope = false }));
        Assert.Equal(RefusalKind.Forbidden, Messages.WithdrawOnlyAdmin.Kind);
        Assert.Equal(RefusalKind.Forbidden, Messages.PublishOnlyLead.Kind);
    }
}
