using EduDuty.Core.Reports;

namespace EduDuty.Core.Tests.Reports;

public sealed class ReportDatingTests
{
    private static readonly DateOnly Typed = new(2022, 4, 1);
    private static readonly DateOnly Submitted = new(2022, 3, 31);
    private static readonly DateOnly Approved = new(2022, 4, 15);
    private static readonly DateOnly Today = new(2026, 11, 28);

    [Fact]
    public void A_typed_date_wins_over_every_other()
    {
        Assert.Equal(Typed, ReportDating.Of(Typed, Submitted, Approved, Today));
        Assert.Equal(Typed, ReportDating.Of(Typed, null, null, Today));
    }

    [Fact]
    public void An_approved_report_keeps_its_submission_date_and_takes_the_approval_date_only_without_one()
    {
        Assert.Equal(Submitted, ReportDating.Of(null, Submitted, Approved, Today));
        Assert.Equal(Approved, ReportDating.Of(null, null, Approved, Today));
    }

    [Fact]
    public void A_report_never_submitted_is_dated_today_and_a_draft_prints_the_draft_line_whatever_its_date()
    {
        Assert.Equal(Today, ReportDating.Of(null, null, null, Today));

        var draft = new ReportDocument("题", null, new EduDuty.Core.Texts.RenderedText([]), [], "闻喜县人民政府", "2026年11月28日", []) { Draft = true };
        Assert.Equal(ReportDocument.DraftDateLine, draft.DateLine);
        Assert.Equal(ReportDocument.DraftDateLine, (draft with { Date = "2022年4月1日" }).DateLine);
        Assert.Equal("2026年11月28日", (draft with { Draft = false }).DateLine);
    }
}
