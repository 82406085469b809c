namespace EduDuty.Data.Entities;

/// <summary>What an administrator did, as the admin audit records it (stored as its Chinese text, <see cref="AdminActions.Text"/>).</summary>
public enum AdminAction
{
    /// <summary>创建用户: a user created, from the form or a file (one entry per user).</summary>
    CreateUser = 1,

    /// <summary>启用用户.</summary>
    EnableUser,

    /// <summary>停用用户: the account disabled, its sessions ended.</summary>
    DisableUser,

    /// <summary>重置密码: a one-time password given.</summary>
    ResetPassword,

    /// <summary>解除锁定: a lockout after failed sign-ins lifted.</summary>
    UnlockUser,

    /// <summary>变更角色或地区: a user given another role or region.</summary>
    ReassignUser,

    /// <summary>导入地区: regions added from a file or the one-region form.</summary>
    ImportRegions,

    /// <summary>修改地区: a region renamed, activated or deactivated.</summary>
    UpdateRegion,

    /// <summary>删除地区: an unused region deleted.</summary>
    DeleteRegion,

    /// <summary>上传方案: a scheme file stored (a new version, or the same version changed while unused).</summary>
    UploadScheme,

    /// <summary>启用方案: a scheme version made the one a year opens with.</summary>
    ActivateScheme,

    /// <summary>开启评价年度: drafts opened for a region's counties.</summary>
    OpenYear,

    /// <summary>设置截止日期: a year's deadline for a region.</summary>
    SetDeadline,

    /// <summary>延期: one county's extension set or cancelled.</summary>
    Extend,

    /// <summary>综合报告: a region's rollup report's texts saved.</summary>
    RollupReport,

    /// <summary>上传方案正式文件: a scheme's official document (PDF) uploaded or replaced (issue 27).</summary>
    UploadSchemeDocument,

    /// <summary>修改个人信息: a user changed their own name or e-mail address (issue 27).</summary>
    ChangeProfile,

    /// <summary>创建令牌: an API token made, personal or for a service account (issue 29).</summary>
    CreateToken,

    /// <summary>撤销令牌: an API token revoked (issue 29).</summary>
    RevokeToken,

    /// <summary>创建服务账号: a service account made for a region's system (issue 29).</summary>
    CreateServiceAccount,

    /// <summary>创建部门: a department added to a county (by its lead, or by a users file naming it; issue 30).</summary>
    CreateDepartment,

    /// <summary>停用部门: a department no longer offered for accounts or fields (issue 30).</summary>
    DisableDepartment,

    /// <summary>启用部门: a disabled department offered again (issue 30).</summary>
    EnableDepartment,

    /// <summary>上传调查问卷: a survey file stored (issue 31).</summary>
    UploadSurvey,

    /// <summary>开启满意度调查: a survey round opened for a region and a period.</summary>
    OpenSurvey,

    /// <summary>结束满意度调查: a round closed before its end date, or its dates changed.</summary>
    CloseSurvey,

    /// <summary>核实问题线索: a problem report's state changed or a note added by a supervisor.</summary>
    ProblemReportStep,

    /// <summary>清除联系方式: reporters' contact details purged after the retention period.</summary>
    PurgeProblemContacts,
}

/// <summary>The one place the admin actions have their words: the audit page, its exports, the stored column and the hash chain read them.</summary>
public static class AdminActions
{
    /// <summary>Longest text an action may have: the column's length.</summary>
    public const int MaxLength = 40;

    private static readonly Dictionary<string, AdminAction> ByText = Enum.GetValues<AdminAction>().ToDictionary(Text, StringComparer.Ordinal);

    public static string Text(this AdminAction action) => action switch
    {
        AdminAction.CreateUser => "创建用户",
        AdminAction.EnableUser => "启用用户",
        AdminAction.DisableUser => "停用用户",
        AdminAction.ResetPassword => "重置密码",
        AdminAction.UnlockUser => "解除锁定",
        AdminAction.ReassignUser => "变更角色或地区",
        AdminAction.ImportRegions => "导入地区",
        AdminAction.UpdateRegion => "修改地区",
        AdminAction.DeleteRegion => "删除地区",
        AdminAction.UploadScheme => "上传方案",
        AdminAction.ActivateScheme => "启用方案",
        AdminAction.UploadSchemeDocument => "上传方案正式文件",
        AdminAction.OpenYear => "开启评价年度",
        AdminAction.SetDeadline => "设置截止日期",
        AdminAction.Extend => "延期",
        AdminAction.RollupReport => "综合报告",
        AdminAction.ChangeProfile => "修改个人信息",
        AdminAction.CreateToken => "创建令牌",
        AdminAction.RevokeToken => "撤销令牌",
        AdminAction.CreateServiceAccount => "创建服务账号",
        AdminAction.CreateDepartment => "创建部门",
        AdminAction.DisableDepartment => "停用部门",
        AdminAction.EnableDepartment => "启用部门",
        AdminAction.UploadSurvey => "上传调查问卷",
        AdminAction.OpenSurvey => "开启满意度调查",
        AdminAction.CloseSurvey => "结束满意度调查",
        AdminAction.ProblemReportStep => "核实问题线索",
        AdminAction.PurgeProblemContacts => "清除举报人联系方式",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    /// <summary>The action a stored text names; a text no action has is a damaged row, and says so.</summary>
    public static AdminAction Parse(string text) =>
        ByText.TryGetValue(text, out var action) ? action : throw new FormatException($"Unknown admin action \"{text}\" in AdminAuditEntries.Action.");
}
