namespace EduDuty.Core.Messaging;

// The departments' foundation (issue 30): who may write a department's fields. The parts of the feature keep their own
// messages in their own partial files beside this one (Messages.DepartmentAccounts, …); the catalogue is still one class.
public static partial class Messages
{
    /// <summary>403: a department user tried the county's own pages or writes (texts, the report, other fields).</summary>
    public static readonly Message DepartmentUseOwnPage = Forbidden("department-use-own-page",
        "部门填报人员只能填写分配给本部门的指标数据。请从首页进入“本部门填报”；其他内容由县级填报人员填写。");

    /// <summary>403: a department user's change of a field that belongs to another department or to the education bureau.</summary>
    public static Message NotYourDepartmentField(string code) => Forbidden("not-your-department-field",
        $"“{code}”不是分配给本部门的指标，不能填写。如认为分工有误，请联系县级负责人调整部门分工。", ("code", code));

    /// <summary>409: a department's field already sent to the county and waiting for its decision.</summary>
    public static Message DepartmentFieldSubmitted(string code) => NotNow("department-field-submitted",
        $"“{code}”已报送县级，正在等待县级审核，暂不能修改。如需修改，请联系县级填报人员退回该项。", ("code", code));

    /// <summary>409: a department's field the county accepted: locked for the department.</summary>
    public static Message DepartmentFieldAccepted(string code) => NotNow("department-field-accepted",
        $"“{code}”已被县级采纳，已锁定。如需修改，请联系县级填报人员。", ("code", code));

    /// <summary>403: a department's own step (its fields' page, its 报送) taken by someone who is not a department user.</summary>
    public static readonly Message OnlyDepartmentUsers = Forbidden("only-department-users",
        "只有部门填报人员可以填写和报送本部门的数据。县级填报人员请在各领域页面填写，或在“部门报送审核”中采纳或退回。");

    /// <summary>403: a DepartmentOfficial account without a department (made before, or its department removed).</summary>
    public static readonly Message DepartmentMissing = Forbidden("department-missing",
        "您的账号还没有所属部门，不能填报。请联系县级负责人为您的账号指定部门。");
}
