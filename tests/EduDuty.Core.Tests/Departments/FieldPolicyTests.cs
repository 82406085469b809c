using EduDuty.Core.Departments;
using EduDuty.Core.Messaging;
using EduDuty.Core.Review;
using EduDuty.Core.Security;

namespace EduDuty.Core.Tests.Departments;

/// <summary>The per-field rule (issue 30): a department writes only its own fields, while they are with it.</summary>
public sealed class FieldPolicyTests
{
    private static readonly EvaluationFacts Draft = new(EvaluationStatus.Draft, DeadlineState.Of(EvaluationStatus.Draft, null, null, new DateOnly(2021, 10, 1)));
    private static readonly Viewer Finance = new([Roles.DepartmentOfficial]) { DepartmentId = 7 };
    private static readonly Viewer Official = new([Roles.CountyOfficial]);

    [Theory]
    [InlineData(DepartmentFieldStatus.Open, true)]
    [InlineData(DepartmentFieldStatus.Returned, true)]
    [InlineData(DepartmentFieldStatus.Submitted, false)]
    [InlineData(DepartmentFieldStatus.Accepted, false)]
    public void A_department_writes_its_field_only_while_it_is_with_it(DepartmentFieldStatus status, bool allowed)
    {
        var permission = EvaluationPolicy.EditField(Draft, Finance, new FieldOwner("A04.01", 7, status));
        Assert.Equal(allowed, permission.Allowed);
        if (status == DepartmentFieldStatus.Accepted) Assert.Equal("department-field-accepted", permission.Refusal!.Code);
        if (status == DepartmentFieldStatus.Submitted) Assert.Equal("department-field-submitted", permission.Refusal!.Code);
    }

    [Fact]
    public void Another_departments_field_and_the_bureaus_own_are_refused_by_name()
    {
        Assert.Equal(Messages.NotYourDepartmentField("A04.01").Text, EvaluationPolicy.EditField(Draft, Finance, new FieldOwner("A04.01", 8)).Reason);
        Assert.Equal(Messages.NotYourDepartmentField("A10.05").Text, EvaluationPolicy.EditField(Draft, Finance, FieldOwner.Education("A10.05")).Reason);
    }

    [Fact]
    public void The_county_may_change_an_accepted_field_but_the_department_never_edits_the_whole()
    {
        Assert.True(EvaluationPolicy.EditField(Draft, Official, new FieldOwner("A04.01", 7, DepartmentFieldStatus.Accepted)).Allowed);
        Assert.Equal(Messages.DepartmentUseOwnPage, EvaluationPolicy.Edit(Draft, Finance).Refusal);
        Assert.Equal(Messages.OnlyDepartmentUsers, EvaluationPolicy.DepartmentEdit(Draft, Official).Refusal);
    }

    [Theory]
    [InlineData(EvaluationStatus.Submitted, "submitted-lock")]
    [InlineData(EvaluationStatus.Approved, "approved-lock")]
    public void The_countys_lock_holds_for_its_departments(EvaluationStatus status, string code)
    {
        var facts = new EvaluationFacts(status, DeadlineState.Of(status, null, null, new DateOnly(2021, 10, 1)));
        Assert.Equal(code, EvaluationPolicy.EditField(facts, Finance, new FieldOwner("A04.01", 7)).Refusal!.Code);
        Assert.Equal(code, EvaluationPolicy.DepartmentSubmit(facts, Finance).Refusal!.Code);
    }

    [Fact]
    public void A_department_account_without_its_department_is_told_to_ask_the_lead()
    {
        Assert.Equal(Messages.DepartmentMissing, EvaluationPolicy.DepartmentEdit(Draft, new Viewer([Roles.DepartmentOfficial])).Refusal);
    }
}
