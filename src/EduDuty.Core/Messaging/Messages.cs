using EduDuty.Core.Review;
using EduDuty.Core.Text;

namespace EduDuty.Core.Messaging;

/// <summary>
/// The catalogue: every refusal, conflict and not-found a use case answers, by code, with its Chinese text. Each text says
/// what happened and what to do next. The pages, the command line and the API show <see cref="Message.Text"/> and map
/// <see cref="Message.Code"/> and <see cref="Message.Kind"/> in one place each; nothing else writes these sentences.
/// </summary>
public static class Messages
{
    private static Message NotNow(string code, string text, params (string Name, object? Value)[] args) => new(code, text, RefusalKind.NotNow, Args(args));

    private static Message Forbidden(string code, string text, params (string Name, object? Value)[] args) => new(code, text, RefusalKind.Forbidden, Args(args));

    private static Dictionary<string, string>? Args((string Name, object? Value)[] args) =>
        args.Length == 0 ? null : args.ToDictionary(a => a.Name, a => Convert.ToString(a.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "");

    // ── Who may: the actor's role or region never allows it (403) ──

    public static readonly Message OutOfScope = Forbidden("out-of-scope", "本评价不在您管辖的地区内。");

    public static Message ReadOnlyRole(string roles) =>
        Forbidden("read-only-role", $"您的角色（{roles}）可以查看和发表意见，但不能修改县级填报的内容。", ("roles", roles));

    public static readonly Message OnlyLeadSubmits = Forbidden("only-lead-submits", "只有县级负责人可以提交评价。填写完成后，请联系本县负责人提交。");

    public static Message OnlySupervisors(string verb) => Forbidden("only-supervisors", $"只有督导人员可以{verb}评价。", ("verb", verb));

    public static readonly Message OnlyAdminReopens = Forbidden("only-admin-reopens", "只有管理员可以重新开启已通过的评价。");

    public static readonly Message OnlyAdminDeadlines = Forbidden("only-admin-deadlines", "只有管理员可以设置截止日期和延期。");

    public static readonly Message OnlyAdminCarries = Forbidden("only-admin-carries", "只有管理员开启年度时可以带入上年数据。");

    // ── Not now: the state, the deadline or something missing stands in the way (409) ──

    public static readonly Message SubmittedLock = NotNow("submitted-lock", "评价已提交，正在等待督导审核，内容已锁定。如需修改，请联系督导人员退回。");

    public static readonly Message ApprovedLock =
        NotNow("approved-lock", "评价已审核通过，内容已锁定。如需修改，请联系省级管理员重新开启（重新开启后由县级修改、再次提交）。");

    /// <summary>A draft past its deadline: read-only until an admin extends it. The one sentence for it, wherever it shows.</summary>
    public static Message LateDraft(DateOnly due) =>
        NotNow("late-draft", $"已过截止日期（{ChinaTime.Date(due)}），内容只读。如需继续填报，请联系管理员延期。", ("due", due.ToString("yyyy-MM-dd")));

    public static Message LateSubmission(DateOnly due) =>
        NotNow("late-submission", $"已过截止日期（{ChinaTime.Date(due)}），不能提交。如需提交，请联系管理员延期。", ("due", due.ToString("yyyy-MM-dd")));

    public static Message MissingRequired(IReadOnlyList<string> missing) => NotNow("missing-required",
        $"还有 {missing.Count} 项必填数据未填写（{string.Join("、", missing.Take(5))}{(missing.Count > 5 ? " 等" : string.Empty)}），请填写完整后再提交。",
        ("count", missing.Count));

    public static Message NotSubmittedYet(EvaluationStatus status, string verb) => NotNow("not-submitted",
        $"县级尚未提交（当前状态“{status.DisplayName()}”），只有已提交的评价可以{verb}。", ("status", status), ("verb", verb));

    public static Message ReopenOnlyApproved(EvaluationStatus status) => NotNow("reopen-only-approved",
        $"评价当前状态为“{status.DisplayName()}”，只有已通过的评价可以重新开启。", ("status", status));

    public static Message CarryOnlyDrafts(EvaluationStatus status) => NotNow("carry-only-drafts",
        $"评价当前状态为“{status.DisplayName()}”，只有草稿可以带入上年数据。", ("status", status));

    public static readonly Message SubmitUnconfirmed =
        NotNow("submit-unconfirmed", "提交前请核对未达标指标，并勾选“我已核对以上未达标指标，确认提交”。");

    public static readonly Message ReturnNeedsReason = NotNow("return-needs-reason", "退回时请至少写明一条针对具体指标或领域的理由。");

    public static readonly Message ApproveNeedsOpinion =
        NotNow("approve-needs-opinion", "审核通过时请填写审核意见，例如“经审核，同意通过”。审核意见将显示给县级，并记入审核记录。");

    public static Message OpenThreads(int count) =>
        NotNow("open-threads", $"还有 {count} 条审核意见尚未解决。请先处理，或勾选“仍然审核通过”后再提交。", ("count", count));

    public static readonly Message ReopenNeedsReason = NotNow("reopen-needs-reason", "重新开启时请写明理由。");

    public static readonly Message UnknownAction = NotNow("unknown-action", "未知的操作。请刷新页面后重试。");

    // ── Conflicts: someone else was quicker (409) ──

    public static readonly Message ChangedMeanwhile = NotNow("changed-meanwhile", "评价刚刚被他人更改，本次没有保存。请刷新页面后重试。");

    public static readonly Message ReportSettingsMoved =
        NotNow("report-settings-moved", "您编辑期间，报告设置已被他人保存，您的修改尚未保存。请重新载入查看最新内容后再修改。");

    public static readonly Message TypedFigureStale = NotNow("typed-figure-stale", "这句话已修改或相关数据已填报，请查看下方最新的提示。");

    public static readonly Message AreaTextMoved =
        NotNow("area-text-moved", "您打开本页后，这一部分的文字已被他人修改，本次没有保存。请查看下方最新的提示后再试。");

    /// <summary>The database refused a save (a constraint, a lock not granted in time): nothing kept, the cause in the log.</summary>
    /// <summary>A row changed by someone else between reading and saving (outside an evaluation's content: a user, a region, a text).</summary>
    public static readonly Message RowChanged = NotNow("row-changed", "您要修改的内容刚刚被他人更改，本次没有保存。请刷新页面，查看最新内容后重试。");

    public static readonly Message SaveFailed = NotNow("save-failed", "保存时数据库出错，本次没有保存。请稍后重试；如果一再出现，请联系系统管理员。");

    public static readonly Message StatusMoved = NotNow("status-moved", "评价状态刚刚已被他人更改，请刷新页面后查看最新状态。");

    // ── Well-formedness of free text (422) ──

    /// <summary>A reason, opinion or note that is too long or holds invisible control characters: the one wording.</summary>
    public static Message ReasonInvalid(string what, int max) => NotNow("reason-invalid",
        $"{what}最多 {max} 个字符，且不能含有不可见的控制字符，请修改后重新提交。", ("what", what), ("max", max));

    public static Message UnknownTarget(string target) => NotNow("unknown-target",
        $"“{target}”不是本方案的指标代码或领域，请选择理由针对的指标或领域。", ("target", target));

    public static readonly Message ChooseDeadline = NotNow("choose-deadline", "请选择截止日期。");

    public static readonly Message DateMalformed = NotNow("date-malformed", "日期格式不正确：请用日期选择器选择，例如 2021-12-31；留空并提交即取消本县延期。");

    public static readonly Message ChooseRegion = NotNow("choose-region", "请选择地区。");

    public const string DeadlineUnusualCode = "deadline-unusual";

    /// <summary>A deadline that looks like a slip (a past date, another year): set only once the admin confirms it.</summary>
    public static Message DeadlineUnusual(string why) =>
        NotNow(DeadlineUnusualCode, $"{why}。如确需使用这个日期，请勾选“确认使用这个日期”后再设置。", ("why", why));

    // ── Administration: what an admin may act on ──

    public static readonly Message RegionNotCovered = Forbidden("region-not-covered", "所选地区不在您管辖的范围内。");

    public static readonly Message SchemeNotUsable = Forbidden("scheme-not-usable", "方案不存在，或不属于您管辖的地区，请重新选择。");

    public static readonly Message SchemeOfOtherRegion = Forbidden("scheme-other-region", "这个方案属于其他地区，不能用于所选地区。");

    // ── Figures, imports, scores ──

    /// <summary>Figures or an area text someone else saved after the page was loaded: nothing of this save was kept.</summary>
    public static Message FiguresMoved(int count) => NotNow("figures-moved",
        $"您编辑期间，有 {count} 处内容已被他人修改，本次没有保存任何修改。请核对下方他人保存的值，再选择用您的值覆盖保存或放弃您的修改。", ("count", count));

    /// <summary>Figures that changed between an import's preview and its confirmation: nothing imported.</summary>
    public static Message ImportMoved(int count) => NotNow("import-moved",
        $"预览之后，有 {count} 项数据已被他人修改，本次没有导入。请核对按最新数据重新比较的结果后再次确认导入。", ("count", count));

    public static Message UnknownBonus(string code) => NotNow("unknown-bonus",
        $"本方案没有加分项 {code}。请刷新页面，在自评得分的加分项中选择。", ("code", code));

    public static Message NotScored(string code) => NotNow("not-scored",
        $"{code} 不是本方案计分的指标。请刷新页面，在得分表中选择要核定的指标。", ("code", code));

    public static Message BonusNeedsProof(string code, string name) => NotNow("bonus-needs-proof",
        $"申请“{name}”加分前，请先上传证明材料：点击该加分项旁的“上传证明材料”，或在佐证材料页的“所属指标或领域”中选择“加分项 {code}”。",
        ("code", code), ("name", name));

    public static readonly Message BonusClaimGone =
        NotNow("bonus-claim-gone", "县级没有申请这项加分，或申请刚刚已撤回。请刷新页面，查看最新的加分申请。");

    /// <summary>Another supervisor changed the same claim or adjustment first: nothing of this one was saved.</summary>
    public static readonly Message ScoreMoved = NotNow("score-moved", "这项得分刚刚已被其他人核定，您的修改没有保存。请刷新页面，查看最新结果后再操作。");

    // ── Comments, evidence, rectification, roll-up ──

    public static readonly Message ThreadNotFound = NotNow("thread-not-found", "这条意见不存在，或不属于本评价。请刷新页面，查看最新的意见后再回复。");

    public static readonly Message EvidenceMoved =
        NotNow("evidence-moved", "您打开本页后，这份材料已被他人修改，本次没有保存。请查看最新内容后再试。");

    public static readonly Message EvidenceGone = NotNow("evidence-gone", "这份材料已被删除，本次没有保存。请刷新页面，查看最新的材料列表。");

    /// <summary>A file that does not fit in what is left of the evaluation's evidence quota (its own pieces and its tasks' together).</summary>
    public static Message EvidenceQuotaFull(string quota, string used, string size) => NotNow("evidence-quota-full",
        $"本次评价的佐证材料总容量为 {quota}，已用 {used}，放不下这个 {size} 的文件。请删除不再需要的材料或压缩后再上传。",
        ("quota", quota), ("used", used), ("size", size));

    public static readonly Message TaskNotFound = NotNow("task-not-found", "整改任务不存在，或不在您管辖的范围内。请刷新整改任务列表后重试。");

    public static readonly Message TaskOutOfScope = Forbidden("task-out-of-scope", "这项整改任务不在您管辖的范围内。请在整改任务列表中选择本地区的任务。");

    public static readonly Message OnlyCountyUpdatesTasks =
        Forbidden("only-county-updates-tasks", "整改任务由县级填报员或负责人更新；督导人员可以查看各县的整改进展。");

    public static readonly Message TaskMoved = NotNow("task-moved", "这项整改任务刚刚已被他人更新，您的修改没有保存。请刷新页面，查看最新内容后再修改。");

    public static readonly Message TaskEvidenceGone = NotNow("task-evidence-gone", "这份佐证材料已被删除。请刷新页面查看最新内容。");

    public static readonly Message RollupNeedsRegion = NotNow("rollup-needs-region", "请先选择一个具体的市或省，再保存综合报告的文字。");

    public static readonly Message RollupMoved = NotNow("rollup-moved", "保存前，另一位督导人员已修改了这份综合报告。请刷新页面查看最新内容后再修改。");

    // ── Administration ──

    /// <summary>A user not under the admin's region is answered as not there (404).</summary>
    public static readonly Message UserNotFound = NotNow("user-not-found", "用户不存在，或不在您管辖的范围内。请刷新用户列表后重试。");

    public static readonly Message CannotDisableSelf = NotNow("cannot-disable-self", "不能停用自己的账户。如确需停用，请由另一位管理员操作。");

    public static readonly Message CannotLeaveAdminSelf = NotNow("cannot-leave-admin-self", "不能取消自己的管理员角色，请由另一位管理员操作。");

    /// <param name="what">What would have happened to the last admin: 停用, 改为其他角色.</param>
    public static Message LastActiveAdmin(string what) =>
        NotNow("last-active-admin", $"这是最后一个可用的管理员账户，不能{what}。请先创建另一个管理员。", ("what", what));

    /// <summary>A region not strictly below the admin's own (nor the admin's own region itself) is answered as not there (404).</summary>
    public static readonly Message RegionNotFound = NotNow("region-not-found", "地区不存在，或不在您管辖的范围内。请刷新地区列表后重试。");

    /// <param name="why">The blocker: 已有评价，不能删除，只能停用 …</param>
    public static Message RegionNotDeletable(string region, string why) =>
        NotNow("region-not-deletable", $"{region}{why}。", ("region", region), ("why", why));

    /// <summary>A scheme the admin may not change (another region's, or none) is answered as not there (404).</summary>
    public static readonly Message SchemeNotFound = NotNow("scheme-not-found", "方案不存在，或不属于您管辖的地区。请刷新方案列表后重新选择。");

    public static Message SchemeUnchanged(string code, int version) =>
        NotNow("scheme-unchanged", $"上传的文件与已保存的 {code} 第 {version} 版完全相同，无需保存。如要修改方案，请上传修改后的文件。", ("code", code), ("version", version));

    public static readonly Message ChooseYearTarget = NotNow("choose-year-target", "请选择方案、年度和地区。");

    /// <summary>The command line names a scheme by its code.</summary>
    public static Message SchemeCodeUnknown(string code) =>
        NotNow("scheme-code-unknown", $"方案 {code} 不存在：请先在管理页面上传方案。", ("code", code));

    /// <summary>The command line names a region by its code.</summary>
    public static Message RegionCodeUnknown(string code) =>
        NotNow("region-code-unknown", $"地区代码 {code} 不存在：请先导入地区（regions import）。", ("code", code));

    // ── Text input and exports (issue 24) ──

    /// <summary>A control character, a direction mark (U+202E …) or a non-character in a field (<c>PlainText</c>, decision 0028).</summary>
    /// <param name="field">The field as the form labels it: 材料标题, 文号, 地区代码 …</param>
    public static Message TextInvisibleCharacters(string field) => NotNow("text-invisible-characters",
        $"“{field}”中含有不可见的控制字符或改变文字方向的字符（常见于从其他软件复制的文字），本次没有保存。请删除该栏中的这些字符（可重新输入这一栏）后再提交。",
        ("field", field));

    /// <summary>A line break in a field that holds one line (a name, a code, a title, 文号).</summary>
    public static Message TextLineBreak(string field) => NotNow("text-line-break",
        $"“{field}”只能填写一行文字，不能含有换行，本次没有保存。请删除其中的换行后再提交。", ("field", field));

    /// <summary>
    /// A user name or scheme code that cannot be taken: it exists, in this province or in another. The admin is not told which,
    /// nor whether it exists at all outside the region they administer.
    /// </summary>
    /// <param name="what">用户名, 方案代码.</param>
    public static Message NameUnavailable(string what, string value) => NotNow("name-unavailable",
        $"{what} {value} 不可用，请换一个。", ("what", what), ("value", value));

    /// <summary>A request body the server cannot read as a form (an unterminated or malformed multipart body, a wrong encoding).</summary>
    public static readonly Message BodyUnreadable = NotNow("body-unreadable",
        "提交的内容不完整或格式不正确，无法读取，本次没有保存。请返回上一页，重新选择文件或重新填写后再提交；如反复出现，请检查网络连接。");

    /// <summary>A CSV file that is neither UTF-8 nor UTF-16 with its byte-order mark.</summary>
    public static readonly Message CsvEncodingUnknown = NotNow("csv-encoding-unknown",
        "文件不是 UTF-8 或带 BOM 的 UTF-16 编码的 CSV，无法读取。请在 Excel 中“另存为”“CSV UTF-8（逗号分隔）”后再上传。");
}
