using EduDuty.Core.Review;
using EduDuty.Core.Text;

namespace EduDuty.Core.Messaging;

/// <summary>
/// The catalogue: every refusal, conflict and not-found a use case answers, by code, with its Chinese text. Each text says
/// what happened and what to do next. The pages, the command line and the API show <see cref="Message.Text"/> and map
/// <see cref="Message.Code"/> and <see cref="Message.Kind"/> in one place each; nothing else writes these sentences.
/// </summary>
public static partial class Messages
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

    // ── Bounded work and passwords (issue 24) ──

    private static Message Unavailable(string code, string text, params (string Name, object? Value)[] args) => new(code, text, RefusalKind.Unavailable, Args(args));

    /// <summary>A rendering that ran past its time budget was stopped (503). <paramref name="what"/>: 报告, 数据表, 压缩包 …</summary>
    public static Message RenderTooLong(string what) => Unavailable("render-too-long",
        $"生成{what}用时过长，已停止。请稍后重试；如果一再出现，请联系管理员。", ("what", what));

    /// <summary>Every rendering slot stayed busy for the whole wait (503).</summary>
    public static Message RenderBusy(string what) => Unavailable("render-busy",
        $"服务器正在生成其他文件，暂时无法生成{what}。请稍等一两分钟后重试。", ("what", what));

    /// <summary>An uploaded file larger than a reader accepts, refused before it is read.</summary>
    public static Message FileTooLarge(string what, string limit) => NotNow("file-too-large",
        $"{what}超过了 {limit} 的上限，没有导入任何内容。请拆分或删去不需要的内容后重新上传。", ("what", what), ("limit", limit));

    /// <summary>A file with more rows (or cells) than a reader accepts, refused before the rest is read.</summary>
    public static Message TooManyRows(string what, string unit, int limit) => NotNow("too-many-rows",
        $"{what}超过了 {limit} {unit}的上限，没有导入任何内容。请删去不需要的行、列或工作表，或拆分成几个文件分别导入。", ("what", what), ("unit", unit), ("limit", limit));

    /// <summary>A bonus claim decided on a page that showed an older version of it: someone changed or decided it since.</summary>
    public static readonly Message BonusClaimMoved = NotNow("bonus-claim-moved",
        "您打开本页后，这项加分申请已被县级修改或已被其他督导人员核定，您的决定没有保存。请刷新页面，查看最新的申请和核定结果后再操作。");

    /// <summary>A points adjustment made on a page that showed an older state of it.</summary>
    public static readonly Message AdjustmentMoved = NotNow("adjustment-moved",
        "您打开本页后，这项指标的核定得分已被其他督导人员修改，您的调整没有保存。请刷新页面，查看最新的核定得分后再操作。");

    public static readonly Message PasswordTooCommon = NotNow("password-too-common",
        "这个密码太常见或太有规律，容易被猜中。请换一句只有您知道的话，例如“门前两棵枣树2021年结了果”。");

    public static readonly Message PasswordKeyboardWalk = NotNow("password-keyboard-walk",
        "密码中有键盘上连续的按键（如 qwerty、1qaz2wsx、!QAZ2wsx），很容易被猜中。请换一句只有您知道的话。");

    public static readonly Message PasswordDate = NotNow("password-date",
        "密码主要由日期组成（如 19900101、2021-11-01），生日和纪念日很容易被猜中。请换一句只有您知道的话。");

    public static readonly Message PasswordPattern = NotNow("password-pattern",
        "密码主要由重复或连续的字符组成（如 aaaa、1234、abcabc），很容易被猜中。请换一句只有您知道的话。");

    public static readonly Message PasswordDeploymentWord = NotNow("password-deployment-word",
        "密码中含有本系统的名称或公开的演示密码（如 EduDuty、教育督导、Demo-Password-2021），很容易被猜中。请换一句只有您知道的话。");

    public static readonly Message PasswordPersonal = NotNow("password-personal",
        "密码中含有您的用户名或姓名，很容易被猜中。请换一句只有您知道的话。");

    public static readonly Message PasswordBreached = NotNow("password-breached",
        "这个密码出现在已泄露的密码库中，攻击者会最先尝试。请换一句只有您知道的话，例如“门前两棵枣树2021年结了果”。");

    public static readonly Message PasswordWeak = NotNow("password-weak",
        "这个密码由常见的词、名字或数字拼成，强度不够，容易被猜中。请再加几个只有您知道的词，或换一句更长的话。");

    // ── Sessions and sign-in (issue 24) ──

    /// <summary>The code of <see cref="TooManyAttempts"/>, for callers that answer it with 429 and Retry-After.</summary>
    public const string TooManyAttemptsCode = "too-many-attempts";

    /// <param name="wait">How long until the attempts are counted afresh.</param>
    public static Message TooManyAttempts(TimeSpan wait) =>
        NotNow(TooManyAttemptsCode, $"操作过于频繁，请 {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} 秒后再试。", ("seconds", Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))));

    /// <summary>Too many wrong current passwords on the password change page: the account's lockout applies there too.</summary>
    public static Message PasswordChangeLockedOut(int minutes) =>
        NotNow("password-change-locked-out", $"当前密码已连续输错多次，账户已锁定。请 {minutes} 分钟后再试；如忘记密码，请联系本地区的管理员重置。", ("minutes", minutes));

    public static readonly Message TwoFactorCodeWrong = NotNow("two-factor-code-wrong", "验证码不正确或已过期。请打开身份验证器应用，输入当前显示的 6 位数字；手机时间不准也会导致验证码不对。");

    public static readonly Message TwoFactorNotForRole = Forbidden("two-factor-not-for-role", "两步验证只对督导人员和管理员开放。");

    public static readonly Message TwoFactorNotStarted = NotNow("two-factor-not-started", "请先在本页生成密钥并用身份验证器应用扫描二维码，再输入验证码。");

    // ── Uploads (issue 24) ──
    // Why an uploaded file was refused: each names the file and the reason, and says what to do. The inspector
    // (Core/Evidence/EvidenceContent) and the virus check (Application/Evidence/EvidenceInspection) are their only users.

    private static Message Upload(string code, string file, string text, params (string Name, object? Value)[] args) =>
        NotNow(code, text, [("file", file), .. args]);

    public static Message UploadEmpty(string file) =>
        Upload("upload-empty", file, $"“{file}”是空的（0 字节）。请检查后重新选择。");

    public static Message UploadTooLarge(string file, string size, string limit) =>
        Upload("upload-too-large", file, $"“{file}”大小 {size}，超过每个文件 {limit} 的上限。请压缩或拆分后再上传。", ("size", size), ("limit", limit));

    /// <param name="what">The format found: Windows 程序 (PE), Linux 程序 (ELF), macOS 程序 (Mach-O) …</param>
    public static Message UploadExecutable(string file, string what) =>
        Upload("upload-executable", file, $"“{file}”是可执行程序（{what}），无论扩展名是什么都不能上传。请上传文件本身的 PDF、图片或 Office 文档。", ("what", what));

    /// <param name="marker">What gave it away, as found: &lt;script, @echo off, #!/ …</param>
    public static Message UploadScript(string file, string marker) =>
        Upload("upload-script", file, $"“{file}”含有网页或脚本代码（“{marker}”），无论扩展名是什么都不能上传。请另存为 PDF 后再上传。", ("marker", marker));

    public static Message UploadForbiddenExtension(string file, string extension) =>
        Upload("upload-forbidden-extension", file,
            $"“{file}”的扩展名 {extension} 是可执行程序、脚本、网页或带宏的文档，不能上传。请另存为 PDF（或不带宏的 .docx、.xlsx）后再上传。", ("extension", extension));

    public static Message UploadUnknownExtension(string file, string extension, string accepted) =>
        Upload("upload-unknown-extension", file,
            extension.Length == 0
                ? $"“{file}”没有扩展名，无法确认是什么文件。请加上与内容相符的扩展名（如 .pdf）后再上传。可上传的类型：{accepted}。"
                : $"“{file}”的扩展名 {extension} 不在可上传的类型之列（{accepted}）。请另存为 PDF 后再上传。",
            ("extension", extension));

    /// <param name="kind">What the content is (PDF, Word 文档 …).</param>
    /// <param name="expected">The extension that content takes (.pdf, .docx …).</param>
    public static Message UploadExtensionMismatch(string file, string extension, string kind, string expected) =>
        Upload("upload-extension-mismatch", file,
            $"“{file}”的内容是{kind}，与扩展名 {extension} 不符。请确认选对了文件；如果没选错，请把扩展名改为 {expected} 后再上传。",
            ("extension", extension), ("kind", kind), ("expected", expected));

    public static Message UploadUnknownKind(string file, string accepted) =>
        Upload("upload-unknown-kind", file, $"无法识别“{file}”的文件类型。可上传的类型：{accepted}；其他文件请另存为 PDF 后再上传。");

    public static Message UploadDamaged(string file) =>
        Upload("upload-damaged", file, $"“{file}”已损坏或格式不完整，无法检查。请重新导出或扫描后再上传。");

    /// <param name="what">What the PDF holds, in words: JavaScript 脚本, 启动程序的动作 (/Launch), 嵌入的文件 …</param>
    public static Message UploadPdfActiveContent(string file, string what) =>
        Upload("upload-pdf-active", file,
            $"“{file}”是含有{what}的 PDF，打开时可能运行脚本或程序，不能上传。请用“打印”→“另存为 PDF”重新生成一份后再上传。", ("what", what));

    public static Message UploadPdfUncheckable(string file) =>
        Upload("upload-pdf-uncheckable", file,
            $"“{file}”是加密或压缩方式特殊的 PDF，无法检查其中是否含有脚本。请取消密码保护，或用“打印”→“另存为 PDF”重新生成一份后再上传。");

    public static Message UploadMacros(string file) =>
        Upload("upload-macros", file, $"“{file}”含有宏（VBA 代码），不能上传。请另存为不带宏的 .docx 或 .xlsx，或另存为 PDF 后再上传。");

    public static Message UploadXmlEntities(string file, string part) =>
        Upload("upload-xml-entities", file,
            $"“{file}”的内部文件 {part} 含有 DOCTYPE 或实体声明，正常的 Office 文档不会有，不能上传。请用 Office 或 WPS 打开后另存一份，或另存为 PDF 后再上传。", ("part", part));

    /// <param name="target">Where it points (a template's address, a linked file's path), shortened.</param>
    public static Message UploadExternalReference(string file, string target) =>
        Upload("upload-external-reference", file,
            $"“{file}”引用了外部模板或外部文件（{target}），打开时会连接其他计算机，不能上传。请另存为 PDF 后再上传。", ("target", target));

    public static Message UploadPowerPoint(string file) =>
        Upload("upload-powerpoint", file, $"“{file}”是 PowerPoint 演示文稿，不在可上传的类型之列。请另存为 PDF 后再上传。");

    public static Message UploadOtherOffice(string file) =>
        Upload("upload-other-office", file, $"“{file}”是 Office 97-2003 格式的文件，但不是 Word 文档或 Excel 表格（例如 PowerPoint 或 Outlook 文件）。请另存为 PDF 后再上传。");

    /// <param name="entry">The name inside the archive, as it is written there.</param>
    public static Message UploadArchiveUnsafeName(string file, string entry) =>
        Upload("upload-archive-unsafe-name", file,
            $"压缩包“{file}”内的文件名“{entry}”指向压缩包以外的位置（含 ..、绝对路径或盘符），不能上传。请把文件放在一个普通文件夹中重新打包后再上传。", ("entry", entry));

    public static Message UploadArchiveNested(string file, string entry) =>
        Upload("upload-archive-nested", file,
            $"压缩包“{file}”内还有压缩包（“{entry}”），其中的文件无法逐一检查，不能上传。请解压后把其中的文件直接放进一层压缩包，或分别上传。", ("entry", entry));

    public static Message UploadArchiveExecutable(string file, string entry) =>
        Upload("upload-archive-executable", file,
            $"压缩包“{file}”内含可执行程序、脚本或网页（“{entry}”），不能上传。请删除该文件后重新打包，或只上传 PDF。", ("entry", entry));

    public static Message UploadArchiveEncrypted(string file) =>
        Upload("upload-archive-encrypted", file, $"压缩包“{file}”设置了密码，无法检查其中的文件。请去掉密码重新打包后再上传。");

    public static Message UploadArchiveTooManyEntries(string file, int count, int limit) =>
        Upload("upload-archive-too-many", file, $"压缩包“{file}”内文件过多（{count} 个，上限 {limit} 个）。请拆分后上传。", ("count", count), ("limit", limit));

    public static Message UploadArchiveTooLarge(string file, string expanded, string limit) =>
        Upload("upload-archive-too-large", file,
            $"压缩包“{file}”解压后达 {expanded}，超过 {limit} 的上限（可能是“压缩炸弹”）。请检查后重新打包。", ("expanded", expanded), ("limit", limit));

    public static Message UploadInfected(string file, string signature) =>
        Upload("upload-infected", file,
            $"病毒检查在“{file}”中发现 {signature}，文件没有保存。请用杀毒软件检查您的电脑，再从原件重新导出或扫描后上传。", ("signature", signature));

    public static Message UploadVirusCheckUnavailable(string file) =>
        Upload("upload-virus-check-unavailable", file, $"暂时无法检查病毒，请稍后再上传。“{file}”没有保存；如果一直如此，请联系管理员检查病毒扫描服务。");

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

    // ── Report editions (issue 25) ──

    /// <summary>The edition of a submission or approval could not be rendered: the server lacks the report's fonts (503).</summary>
    /// <param name="step">提交, 审核通过.</param>
    public static Message EditionFontsMissing(string step) => Unavailable("edition-fonts-missing",
        $"服务器缺少生成报告所需的字体，无法保存本次{step}的报告定稿，本次没有{step}。请联系管理员按运维说明安装报告字体后再{step}。", ("step", step));

    /// <summary>An edition asked for by number that the evaluation does not have.</summary>
    public static Message EditionNotFound(int number) => NotNow("edition-not-found",
        $"本评价没有第 {number} 版报告。请在报告页的“历次版本”中选择要下载的版本。", ("number", number));

    // ── report length limit (issue 25) ──

    /// <summary>
    /// Submitting a report whose body is over the scheme's limit (<see cref="Reports.ReportLength"/>) without the lead's tick: a
    /// question, not a ban — ticking it submits as it is.
    /// </summary>
    public static Message ReportOverLength(int count, int limit) => NotNow("report-over-length",
        $"报告正文 {Reports.ReportLength.Format(count)} 字，超过方案规定的上限 {Reports.ReportLength.Format(limit)} 字（多 {Reports.ReportLength.Format(count - limit)} 字，不含附表和佐证材料目录）。" +
        "请在各领域页面和报告页精简文字后再提交；如确需按现有篇幅提交，请勾选“正文超过字数上限，仍然提交”。",
        ("count", count), ("limit", limit));

    // ── edition differences (issue 25) ──

    /// <summary>Two editions to compare that are one and the same.</summary>
    public static Message EditionCompareSame(int number) => NotNow("edition-compare-same",
        $"两边选择的都是第 {number} 版，无法比较。请选择两个不同的版本后再点“比较”。", ("number", number));

    /// <summary>An edition to compare that the evaluation does not have.</summary>
    public static Message EditionCompareMissing(int number) => NotNow("edition-compare-missing",
        $"本评价没有第 {number} 版报告，无法比较。请在报告页的“历次版本”中点“与上一版比较”，或在比较页选择已有的版本。", ("number", number));

    /// <summary>A version number in the compare page's address that is not a number.</summary>
    public static readonly Message EditionCompareBadNumber = NotNow("edition-compare-bad-number",
        "要比较的版本号不是数字。请在下面的列表中选择两个版本后再点“比较”。");

    /// <summary>An edition with nothing before it to compare with (the first submission, or the one before predates editions).</summary>
    public static Message EditionCompareNoEarlier(int number) => NotNow("edition-compare-no-earlier",
        $"第 {number} 版之前没有保存的版本，无法与上一版比较。请选择另外两个版本。", ("number", number));

    // ── public disclosure and verification (issue 25) ──

    /// <summary>Only the county's own lead publishes (公示) its report.</summary>
    public static readonly Message PublishOnlyLead = Forbidden("publish-only-lead",
        "只有本县的县级负责人可以公示自评报告。如需公示，请联系本县负责人。");

    /// <summary>Nothing frozen to publish: the evaluation is a draft or back with the county.</summary>
    public static Message PublishNothingFrozen(EvaluationStatus status) => NotNow("publish-nothing-frozen",
        $"评价当前状态为“{status.DisplayName()}”，没有可以公示的版本：只有已提交或审核通过的报告可以公示。请提交后再公示。", ("status", status));

    /// <summary>Submitted or approved before editions were kept: no stored files to publish.</summary>
    public static readonly Message PublishNoEdition = NotNow("publish-no-edition",
        "本评价提交时平台尚未保存报告定稿，没有可以公示的版本。请联系管理员重新开启后，由县级再次提交，再公示。");

    /// <summary>The deployment (or the province) publishes approved reports only.</summary>
    public static readonly Message PublishNeedsApproval = NotNow("publish-needs-approval",
        "按本省规定，自评报告须经督导审核通过后才能公示。当前是已提交版，请等待审核通过后再公示审核通过版。");

    public static readonly Message PublishUnconfirmed = NotNow("publish-unconfirmed",
        "公示前请核对版本和文件，并勾选“我已核对，确认公示此版本”。公示后任何人无需登录即可查看和下载。");

    /// <param name="label">The edition's label: 已提交 第2版, 审核通过版（第2版）.</param>
    public static Message AlreadyPublished(string label) => NotNow("already-published",
        $"{label}已在公示中，无需再次公示。请刷新页面查看公示状态。", ("label", label));

    /// <summary>The current edition's publication was withdrawn: it is not published again as it stands.</summary>
    public static Message EditionWithdrawn(string label, string reason) => NotNow("edition-withdrawn",
        $"{label}的公示已被管理员撤回（理由：{reason}），不能再次公示。请按撤回理由修改：联系管理员重新开启后，由县级修改并重新提交，再公示新的版本。",
        ("label", label), ("reason", reason));

    public static readonly Message WithdrawOnlyAdmin = Forbidden("withdraw-only-admin",
        "只有管理员可以撤回公示。如需撤回，请联系本地区的管理员。");

    public static readonly Message NothingToWithdraw = NotNow("nothing-to-withdraw",
        "本评价目前没有公示中的报告，无需撤回（可能刚刚已被撤回）。请刷新页面查看公示状态。");

    public static readonly Message WithdrawNeedsReason = NotNow("withdraw-needs-reason",
        "撤回公示时请写明理由。理由将显示在公开页面上，例如“报告数据有误，更正后重新公示”。");

    public static readonly Message WithdrawUnconfirmed = NotNow("withdraw-unconfirmed",
        "撤回前请勾选“确认撤回公示”。撤回后公开页面不再提供下载，并显示撤回日期和理由。");

    /// <summary>Verification got neither a file nor a hash.</summary>
    public static readonly Message VerifyNothingGiven = NotNow("verify-nothing-given",
        "请选择要核验的 PDF 或 Word 文件，或粘贴公示页面上的 SHA-256 值，再点击“核验”。");

    public static readonly Message VerifyBothGiven = NotNow("verify-both-given",
        "请只选择文件或只粘贴 SHA-256 值其中一项：文件与粘贴的值可能不一致。清空其中一项后再核验。");

    /// <param name="length">How many characters were pasted (blanks removed).</param>
    public static Message VerifyHashMalformed(int length) => NotNow("verify-hash-malformed",
        $"SHA-256 值应为 64 位十六进制字符（0–9 和 a–f），您粘贴的是 {length} 个字符或含有其他字符。请从公示页面完整复制后重新粘贴。",
        ("length", length));

    /// <param name="limit">The largest file verification reads: 20 MB.</param>
    public static Message VerifyFileTooLarge(string limit) => NotNow("verify-file-too-large",
        $"文件超过 {limit}，不是本平台生成的报告（公示的报告远小于此）。请检查是否选错了文件。", ("limit", limit));

    public static readonly Message VerifyFileEmpty = NotNow("verify-file-empty",
        "选择的文件是空的（0 字节）。请重新选择从公示页面或他处下载的 PDF 或 Word 文件。");

    /// <summary>A public page's region code that names no region (404).</summary>
    public static Message PublicRegionUnknown(string code) => NotNow("public-region-unknown",
        $"没有行政区划代码为“{code}”的地区。请核对网址中的 6 位代码（例如闻喜县为 140823），或从本省、本市的公示列表进入。", ("code", code));

    /// <summary>A public page's year in which the region has no evaluation (404).</summary>
    public static Message PublicYearUnknown(string region, string year) => NotNow("public-year-unknown",
        $"{region}没有“{year}”年度的评价。请核对网址中的年度（四位数字，例如 2021），或从公示列表选择年度。", ("region", region), ("year", year));

    /// <summary>A report page asked for a province or a city, which has no report of its own (404).</summary>
    public static Message PublicNotACounty(string region) => NotNow("public-not-a-county",
        $"{region}不是县级地区，没有单独的自评报告。请在{region}的公示列表中选择一个县（市、区）。", ("region", region));

    /// <summary>A county whose report of the year was never published (404).</summary>
    public static Message PublicNotPublished(string county, int year) => NotNow("public-not-published",
        $"{county}{year}年度的自评报告尚未公示。公示后即可在此查看和下载；如有疑问，请联系{county}教育督导部门。", ("county", county), ("year", year));

    /// <summary>The files of a withdrawn publication are no longer served (404).</summary>
    public static Message PublicFilesWithdrawn(string county, int year) => NotNow("public-files-withdrawn",
        $"{county}{year}年度自评报告的公示已撤回，不再提供下载。撤回的日期和理由见该报告的公示页面。", ("county", county), ("year", year));

    // ── plausibility (issue 26) ──

    // What the scheme's plausibility rules say (Rules/Plausibility). A hard finding refuses the save or import that changes
    // its figures ("…，请核对后修改"); a soft one is a warning the lead may confirm when submitting ("如确属实…").
    private static string Next(Schemes.PlausibilitySeverity severity) => severity == Schemes.PlausibilitySeverity.Hard
        ? "请核对后修改（不修改不能保存）"
        : "请核对数据和单位；如确属实，可保留并在提交时确认";

    /// <param name="inputs">The figures it is computed from, with their values; empty for an entered field.</param>
    public static Message PlausibleShare(string name, string value, string inputs, Schemes.PlausibilitySeverity severity) => NotNow("plausible-share",
        $"{name}算得 {value}，超过 100%{Parenthesised(inputs)}：比例和覆盖率不能超过 100%，{Next(severity)}。", ("name", name), ("value", value));

    /// <param name="parts">The parts with their values and, for several, their sum.</param>
    public static Message PlausiblePart(string parts, string total, Schemes.PlausibilitySeverity severity) => NotNow("plausible-part",
        $"{parts}，多于{total}：部分不能多于总数，{Next(severity)}。", ("parts", parts), ("total", total));

    public static Message PlausibleNonNegative(string name, string value, string inputs, Schemes.PlausibilitySeverity severity) => NotNow("plausible-non-negative",
        $"{name}算得 {value}，为负数{Parenthesised(inputs)}：不能为负数，{Next(severity)}。", ("name", name), ("value", value));

    /// <param name="range">"±50%".</param>
    public static Message PlausibleGrowth(string name, string value, string inputs, string range, Schemes.PlausibilitySeverity severity) => NotNow("plausible-growth",
        $"{name}为 {value}，超出 {range} 的常见范围{Parenthesised(inputs)}：{Next(severity)}。", ("name", name), ("value", value), ("range", range));

    public static Message PlausibleChange(string current, string previous, string change, string range, Schemes.PlausibilitySeverity severity) => NotNow("plausible-change",
        $"{current}与{previous}相差 {change}，超出 {range}：{Next(severity)}。", ("current", current), ("previous", previous), ("change", change), ("range", range));

    private static string Parenthesised(string text) => string.IsNullOrEmpty(text) ? string.Empty : $"（{text}）";

    /// <summary>A submission with open plausibility warnings: asked once, with the count (never a refusal once confirmed).</summary>
    public static Message WarningsUnconfirmed(int count) => NotNow("warnings-unconfirmed",
        $"还有 {count} 条数据提示未处理（见“审核流程”中的“数据提示”）。请逐条核对：数据有误请先修改；确属实的，请勾选“以上数据提示已核对，确属实，仍然提交”后再提交。", ("count", count));

    /// <summary>Kept with the submission when the lead confirmed open data warnings: the reviewer reads it in the history.</summary>
    public static string WarningsConfirmedNote(int count) => $"提交时有 {count} 条数据提示，县级负责人已核对并确认属实";

    // ── attacker's review (issue 26) ──

    /// <summary>A submission whose data warnings changed after the page listed them: the lead's tick was for another list.</summary>
    public static Message WarningsChanged(int count) => NotNow("warnings-changed",
        $"打开提交页面后数据提示有变化，现有 {count} 条（见上方“数据提示”）。请重新逐条核对，确属实的，再勾选“以上数据提示已核对，确属实，仍然提交”后提交。", ("count", count));

    // ── Autosave and sessions (issue 27) ──

    /// <summary>An autosave request that names no field or more than one: it saves one value or one text at a time.</summary>
    public static readonly Message AutosaveOneTarget = NotNow("autosave-one-target",
        "自动保存每次只保存一项内容，本次没有保存。请点“保存本领域”保存本页的全部修改。");

    /// <summary>An autosave request for a field that is not an entered field of this area.</summary>
    public static Message AutosaveUnknownField(string code) => NotNow("autosave-unknown-field",
        $"“{code}”不是本领域需要填写的指标，本次没有保存。请刷新页面后重试。", ("code", code));

    /// <summary>
    /// Beside a field whose autosave met a colleague's change (the area save shows the same facts as a table): who, when, what
    /// they saved, and the two ways on.
    /// </summary>
    public static string FieldChangedBy(string user, string at, string? value) =>
        $"{user}于 {at} 已把此项保存为“{(string.IsNullOrEmpty(value) ? "（空）" : value)}”，您填写的值没有保存。请核对后选择“用我的值覆盖”或“改用对方的值”。";

    // ── Field help and manuals (issue 27) ──

    /// <summary>An official document uploaded that is another kind of file (a Word file, a picture, a ZIP).</summary>
    public static Message SchemeDocumentNotPdf(string file) => NotNow("scheme-document-not-pdf",
        $"“{file}”不是 PDF 文件，没有保存。方案正式文件请上传 PDF（可在 Word 或 WPS 中“另存为 PDF”后上传）。", ("file", file));

    public static readonly Message SchemeDocumentNotFound = NotNow("scheme-document-not-found",
        "该方案还没有上传正式文件，或不属于您所在地区使用的方案。请返回使用说明页查看可下载的文件，或联系管理员上传。");

    /// <summary>No file chosen for the official document.</summary>
    public static readonly Message SchemeDocumentMissing = NotNow("scheme-document-missing",
        "请选择要上传的方案正式文件（PDF），再点“上传正式文件”。");

    /// <summary>The note after an official document was stored.</summary>
    public static string SchemeDocumentSaved(string title, string file) => $"已上传《{title}》的正式文件“{file}”，使用该方案的用户可在“使用说明”中下载。";

    // ── forms (issue 27) ──

    /// <summary>A return reason typed without choosing what it is about: names the row (the spare empty rows are ignored).</summary>
    public static Message ReasonWithoutTarget(int number) => NotNow("reason-without-target",
        $"第 {number} 条理由没有选择针对的指标或领域：请在该理由左侧选择指标或领域，或清空这条理由，再点“退回修改”。", ("number", number));

    /// <summary>A region field holding a name that several regions under the admin's region bear.</summary>
    public static Message RegionNameAmbiguous(string name, string candidates) => NotNow("region-name-ambiguous",
        $"有多个地区名为“{name}”（{candidates}），请输入其中一个的 6 位代码，或从提示中选择。", ("name", name));

    /// <summary>A region field holding neither a 6-digit code nor the name of a region under the admin's region.</summary>
    public static Message RegionNameUnknown(string name) => NotNow("region-name-unknown",
        $"没有找到名为“{name}”的地区（或不在您管辖的范围内）：请输入 6 位行政区划代码或地区全称，或从提示中选择。", ("name", name));

    // ── Oversight at scale (issue 28) ──

    /// <summary>
    /// A list's page asked for that is not there (past the last, before the first, not a number): every paged list shows the
    /// nearest page instead (issue 15), and the oversight pages say so rather than answer a page the user did not ask for.
    /// </summary>
    public static Message PageShownInstead(string asked, int shown, int pageCount) => NotNow("page-shown-instead",
        pageCount > 1
            ? $"没有页码为“{asked}”的一页（共 {pageCount} 页），现在显示第 {shown} 页。可用列表下方的页码翻页。"
            : $"没有页码为“{asked}”的一页：列表只有 1 页，以下为全部内容。", ("asked", asked), ("shown", shown), ("pageCount", pageCount));

    // ── audit (issue 28) ──

    /// <summary>An anchor without a signature after signed ones, while a signing certificate is configured.</summary>
    public static string AnchorUnsigned(long index) =>
        $"锚定记录：第 {index} 次锚定没有签名，而此前的锚定已用签名证书签名：锚定很可能被删除后重算（没有私钥的人只能写出不带签名的锚定）。";

    /// <summary>An anchor signed with a certificate other than the configured one.</summary>
    public static string AnchorSignedByOther(long index, string sha256) =>
        $"锚定记录：第 {index} 次锚定由另一张证书（SHA-256 {sha256}）签名，不是当前配置的签名证书，无法核验：若确曾更换证书，请配置原证书后再核验；否则锚定被改写。";

    /// <summary>An anchor whose signature does not match its hash.</summary>
    public static string AnchorSignatureInvalid(long index) =>
        $"锚定记录：第 {index} 次锚定的签名与其内容不符：锚定在签名后被改动或被重算（没有签名证书的私钥无法重新签名）。";

    /// <summary>No signing certificate: the anchors cannot be checked for a recomputation.</summary>
    public const string AnchorsWithoutCertificate =
        "未配置签名证书（Signing:CertificatePath）：锚定没有签名，也无法核验签名。能改写数据库的人可以重算全部哈希和锚定而不被本检查发现。请配置签名证书，并把 audit anchor 打印的“序号:根哈希”保存在数据库之外（邮件、日志服务器、纸面），核验时用 --expect 核对。";

    /// <summary>Anchors written before a certificate was configured.</summary>
    public static string AnchorsUnsignedBefore(int count) =>
        $"前 {count} 次锚定没有签名（早于配置签名证书）：这些锚定只能用数据库之外保存的“序号:根哈希”（--expect）核对。";

    /// <summary>An anchor kept outside the database that the database no longer holds.</summary>
    public static string AnchorExpectedMissing(long index, string root) =>
        $"锚定记录：数据库之外保存的第 {index} 次锚定（根哈希 {root}）在数据库中不存在：锚定被删除。";

    /// <summary>An anchor kept outside the database whose root differs from the stored one.</summary>
    public static string AnchorExpectedDiffers(long index, string expected, string stored) =>
        $"锚定记录：第 {index} 次锚定在数据库中的根哈希 {stored} 与数据库之外保存的 {expected} 不符：锚定被重算。";

    /// <summary>A chain head saying it was anchored at a link no anchor records.</summary>
    public static string AnchoredWithoutLeaf(string chain, long index) =>
        $"锚定记录：{chain} 的链头记着已锚定到第 {index} 环，但没有哪次锚定记下该环：锚定被删除。";

    /// <summary>The newest anchor is older than twice the interval.</summary>
    public static string AnchorsStale(DateTime lastUtc, int minutes) =>
        $"最近一次锚定在 {lastUtc:yyyy-MM-dd HH:mm} UTC，已超过锚定间隔（{minutes} 分钟）的两倍：请检查门户的锚定（Audit:AnchorMinutes）或定时运行的 audit anchor 是否停止。";

    /// <summary>Chains exist but no anchor was ever written.</summary>
    public const string AnchorsNone =
        "已有修改记录，但还没有任何锚定：请检查门户的锚定（Audit:AnchorMinutes）或定时运行的 audit anchor 是否停止；若锚定被全部删除，用 --expect 核对数据库之外保存的锚定。";

    /// <summary>A value of audit verify --expect that is not 序号:根哈希.</summary>
    public static string AnchorExpectInvalid(string text) =>
        $"--expect “{text}” 的格式不对：应为 audit anchor 打印的“序号:根哈希”，如 12:3f5a…（序号为正整数，根哈希为 64 位十六进制）。";

    // ── API evaluations (issue 29) ──

    private static Message Condition(string code, string text, RefusalKind kind, params (string Name, object? Value)[] args) => new(code, text, kind, Args(args));

    /// <summary>An API write of figures whose If-Match names a version of the evaluation's figures that is no longer the stored one (412).</summary>
    public static Message FiguresVersionStale(string sent, string current) => Condition("figures-version-stale",
        $"If-Match 中的版本 {sent} 已不是本评价数据的当前版本（{current}），本次没有保存任何数据。请重新读取数据（GET），核对他人的修改后，用新的 ETag 再提交。",
        RefusalKind.Stale, ("sent", sent), ("current", current));

    /// <summary>An API write of figures without If-Match (428).</summary>
    public static readonly Message FiguresVersionRequired = Condition("figures-version-required",
        "修改数据时须在 If-Match 请求头中写明所依据的版本：请先读取数据（GET），把响应的 ETag 原样放入 If-Match 后再提交。",
        RefusalKind.ConditionRequired);

    /// <summary>A figure code in an API write that is not an entered field of the evaluation's scheme.</summary>
    public static Message FigureNotEntered(string code) => NotNow("figure-not-entered",
        $"“{code}”不是本评价方案中需要填报的指标代码（计算得出的指标不能填报）：请用 GET 读取数据时列出的代码。", ("code", code));

    /// <summary>The same figure twice in one API write.</summary>
    public static Message FigureTwice(string code) => NotNow("figure-twice",
        $"指标 {code} 在本次提交中出现了不止一次：每个指标只写一次后再提交。", ("code", code));

    /// <summary>An API write with no figure in it.</summary>
    public static readonly Message FiguresEmpty = NotNow("figures-empty", "请求中没有任何数据：请在 fields 中列出要修改的指标、值和版本后再提交。");

    /// <summary>An API transition without the confirmation the page asks in its dialog ("确定…吗？").</summary>
    public static Message ConfirmRequired(string verb) => NotNow("confirm-required",
        $"{verb}前须确认：页面上会询问“确定{verb}吗？”，通过接口{verb}时请在请求正文中写明 \"confirm\": true 后再提交。", ("verb", verb));

    /// <summary>A page size outside what a list gives at once.</summary>
    public static Message PageSizeInvalid(int max) => NotNow("page-size-invalid",
        $"每页条数（pageSize）须在 1 到 {max} 之间：请改小后再请求，用 page 翻页。", ("max", max));

    /// <summary>A state filter that is not one of the evaluation states.</summary>
    public static Message StateUnknown(string state) => NotNow("state-unknown",
        $"“{state}”不是评价状态：只能是 draft、submitted、returned 或 approved。", ("state", state));

    /// <summary>An evaluation that does not exist, or lies outside the caller's region (the same answer: 404).</summary>
    public static readonly Message EvaluationNotFound =
        NotNow("evaluation-not-found", "评价不存在，或不在您管辖的范围内。请先列出评价（GET /api/v1/evaluations），用列表中的编号再请求。");

    /// <summary>An API upload that is not multipart/form-data.</summary>
    public static readonly Message UploadNotMultipart = NotNow("upload-not-multipart",
        "上传佐证材料须用 multipart/form-data：文件放在名为 files 的部分，指标或领域放在 Field（留空为整个评价）。");

    /// <summary>A rectification state the API does not know.</summary>
    public static Message TaskStateUnknown(string state) => NotNow("task-state-unknown",
        $"“{state}”不是整改状态：只能是 notStarted（未开始）、inProgress（整改中）、done（已完成）或 cannotComplete（无法完成，须写明理由）。", ("state", state));

    /// <summary>A draft report asked for through the API while the server lacks the report's fonts (503).</summary>
    public static readonly Message ReportFontsMissing = Unavailable("report-fonts-missing",
        "服务器缺少生成报告所需的字体，现在无法生成报告草稿。请联系管理员按运维说明安装报告字体后再下载；Word 版不需要字体，可先下载 Word 版。");

    /// <summary>A report format the API does not give.</summary>
    public static Message ReportFormatUnknown(string format) => NotNow("report-format-unknown",
        $"“{format}”不是报告格式：只能是 pdf 或 docx。", ("format", format));

    // ── API tokens (issue 29) ──

    /// <summary>A token's name: one line, 1–30 characters.</summary>
    public static readonly Message ApiTokenNameInvalid =
        NotNow("api-token-name-invalid", "令牌名称应为 1–30 个字符的一行文字，写明它的用途，例如“省平台数据同步”。");

    public static Message ApiTokenExpiryInvalid(int maxDays) => NotNow("api-token-expiry-invalid",
        $"有效期应为 1–{maxDays} 天：令牌最长有效一年，到期后请新建令牌。", ("max", maxDays));

    public static readonly Message ApiScopesEmpty =
        NotNow("api-scopes-empty", "请至少选择一项权限范围：read（读取）、figures:write（填报）、review（审核）或 admin（管理）。");

    public static Message ApiScopeUnknown(string scope) => NotNow("api-scope-unknown",
        $"权限范围“{scope}”不存在。可用的范围：read（读取）、figures:write（填报）、review（审核）、admin（管理）。", ("scope", scope));

    public static Message ApiScopeNotForRole(string scope, string roles) => Forbidden("api-scope-not-for-role",
        $"您的角色（{roles}）不能使用权限范围“{scope}”。请去掉它后再创建令牌。", ("scope", scope), ("roles", roles));

    public static readonly Message ApiTokenNotFound =
        NotNow("api-token-not-found", "令牌不存在，或不是您可以管理的令牌。请刷新令牌列表后重试。");

    public static readonly Message ApiServiceAccountNeeded = NotNow("api-service-account-needed",
        "服务令牌只能发给服务账号。请先在“服务账号”页面创建一个绑定地区的服务账号，再为它创建令牌。");

    public static readonly Message ApiServiceAccountNoPassword = Forbidden("api-service-account-no-password",
        "服务账号不能用密码登录，只能用管理员为它创建的访问令牌调用接口。");

    /// <summary>401: no token in the request.</summary>
    public static readonly Message ApiTokenMissing = Forbidden("api-token-missing",
        "此接口需要访问令牌：请在请求头中加入“Authorization: Bearer edt_…”。令牌在“个人信息”页面创建。");

    /// <summary>401: a token EduDuty does not know (mistyped, or never issued).</summary>
    public static readonly Message ApiTokenInvalid = Forbidden("api-token-invalid",
        "访问令牌无效：请检查是否完整复制了令牌（以 edt_ 开头）；找不到时请新建一个（个人令牌在“个人信息”页面，服务令牌请管理员在“服务账号与令牌”页面创建）。");

    public static readonly Message ApiTokenExpired = Forbidden("api-token-expired",
        "访问令牌已过期。请新建一个令牌（个人令牌在“个人信息”页面，服务令牌请管理员在“服务账号与令牌”页面创建），并在调用方替换旧令牌。");

    public static readonly Message ApiTokenRevoked = Forbidden("api-token-revoked",
        "访问令牌已被撤销，不能再使用。如仍需调用接口，请新建一个令牌。");

    public static readonly Message ApiTokenUserInactive = Forbidden("api-token-user-inactive",
        "令牌所属的账号已停用或被锁定，令牌不能使用。请联系管理员。");

    /// <summary>403: the token lacks the scope the operation needs.</summary>
    public static Message ApiScopeMissing(string scope) => Forbidden("api-scope-missing",
        $"此操作需要权限范围“{scope}”，您的令牌没有。请新建一个带该范围的令牌（您的角色须能使用它）。", ("scope", scope));

    /// <summary>403 from the pipeline without a reason of its own (an upload only county users may send).</summary>
    public static readonly Message ApiForbidden = Forbidden("api-forbidden", "令牌所属的账号无权执行此操作（角色或地区不允许）。请改用有此权限的账号的令牌。");

    public static readonly Message ApiAdminOnly = Forbidden("api-admin-only", "此操作只有管理员可以执行：令牌所属的账号现在不是管理员。");

    public static Message ApiRateLimited(int perMinute, int seconds) => Unavailable("api-rate-limited",
        $"请求过于频繁：每个令牌每分钟最多 {perMinute} 次。请在 {seconds} 秒后重试。", ("perMinute", perMinute), ("seconds", seconds));

    public static Message ApiBodyTooLarge(long bytes) => NotNow("api-body-too-large",
        $"请求体过大：此接口最多接受 {bytes / 1024} KB。请分批发送。", ("bytes", bytes));

    public static readonly Message ApiNotFound =
        NotNow("api-not-found", "没有这个接口地址，或您要的对象不存在。请对照接口文档（/api/docs）检查路径。");

    public static readonly Message ApiMethodNotAllowed =
        NotNow("api-method-not-allowed", "此接口地址不支持这个请求方法（GET、POST、PUT…）。请对照接口文档检查。");

    public static readonly Message ApiUnsupportedMediaType =
        NotNow("api-unsupported-media-type", "请求体的格式不受支持：请以 application/json 发送（上传文件用 multipart/form-data）。");

    public static readonly Message ApiBadRequest =
        NotNow("api-bad-request", "请求无法读取：JSON 格式不对，或参数的类型不对。请对照接口文档检查请求。");

    public static readonly Message ApiServerError = Unavailable("api-server-error",
        "服务器处理请求时出错，未做任何修改。请稍后重试；如果一再出现，请把响应中的 traceId 告诉管理员。");

    // ── API documents and streams (issue 29) ──

    /// <summary>A county user asking for the counties of a region (the counties' export, 督导总览's data, the API's summaries).</summary>
    public static readonly Message OnlyOversightReadsCounties = Forbidden("only-oversight-reads-counties", "只有督导人员和管理员可以导出各县数据。");

    public static Message CountiesRegionUnknown(string code) =>
        NotNow("counties-region-unknown", $"地区代码 {code} 不存在，或不在您管辖的范围内。", ("code", code));

    public static Message CountiesNoEvaluations(string region, int? year) => NotNow("counties-no-evaluations",
        $"{region}{(year is { } y ? $" {y} 年度" : "")}还没有评价，没有可导出的数据。请选择其他年度或地区。", ("region", region), ("year", year));

    /// <summary>A page size of the API's lists outside what it allows.</summary>
    public static Message PageSizeOutOfRange(int max) =>
        NotNow("page-size-out-of-range", $"每页条数应为 1 到 {max} 之间的整数。请改小每页条数，或用流式下载取得全部记录。", ("max", max));

    /// <summary>A cursor of the API's audit that is not one it gave.</summary>
    public static readonly Message CursorInvalid =
        NotNow("cursor-invalid", "翻页标记（cursor）无效：请使用上一页返回的 nextCursor 原样传入，或去掉它从第一页开始。");

    /// <summary>Someone not an admin asking for the admin audit (the API; the page's folder is admins' only).</summary>
    public static readonly Message OnlyAdminsReadAudit = Forbidden("only-admins-read-audit", "只有管理员可以查看管理记录。如需查询，请联系本地区的管理员。");

    /// <summary>A format of the region summaries the API does not write.</summary>
    public static Message SummaryFormatUnknown(string format) =>
        NotNow("summary-format-unknown", $"不支持的格式“{format}”：请用 format=ndjson（每行一个县，默认）或 format=csv。", ("format", format));

    // ── API attacker review (issue 29) ──

    /// <summary>429: too many refused tokens from one address this minute; no more are looked up until the minute is over.</summary>
    public static Message ApiTokenAttemptsLimited(int perMinute, int seconds) => Unavailable("api-token-attempts-limited",
        $"无效的访问令牌过多：同一地址每分钟最多尝试 {perMinute} 个无效令牌。请检查令牌是否完整复制，并在 {seconds} 秒后重试。",
        ("perMinute", perMinute), ("seconds", seconds));

    // ── API new-user walk (issue 29) ──

    /// <summary>401: an Authorization header that is not "Bearer …" (the token alone, "Token edt_…", Basic with a password).</summary>
    public static readonly Message ApiTokenNotBearer = Forbidden("api-token-not-bearer",
        "Authorization 请求头的写法不对：应为“Bearer”加一个空格再加令牌，例如“Authorization: Bearer edt_…”。不要只写令牌，也不能用用户名和密码。");

    /// <summary>412: an If-Match that is not an ETag this API gave (no quotes, weak W/, "*", a list): nothing was saved.</summary>
    public static Message ApiIfMatchMalformed(string sent) => Condition("api-if-match-malformed",
        $"If-Match 的值 {sent} 不是本接口给出的版本号，本次没有保存任何数据。请把读取数据（GET）时响应头 ETag 的值连同双引号原样放入 If-Match，例如 If-Match: \"f115\"。",
        RefusalKind.Stale, ("sent", sent));

    // ── API lead's round (issue 29) ──

    /// <summary>400: a JSON body whose value at <paramref name="path"/> is not of the documented type (a number for a string …).</summary>
    public static Message ApiJsonValueUnreadable(string path) => NotNow("api-json-value-unreadable",
        $"请求体在 {path} 处无法读取：值的类型不对或 JSON 格式不对。填报值和代码都写成带引号的字符串（如 \"35.5\"），version 和 confirm 分别写成数字和 true/false。请对照接口文档修改后重试。",
        ("path", path));

    /// <summary>422: a figure of a PUT without the version it was read at.</summary>
    public static Message FigureVersionMissing(string code) => NotNow("figure-version-missing",
        $"“{code}”缺少 version：请先读取（GET）填报数据，把该项的 version 原样带回；从未填过的项为 0。本次没有保存任何数据。",
        ("code", code));

    /// <summary>400: a JSON string holding U+0000 (which no text in EduDuty may hold; decision 0028).</summary>
    public static Message ApiJsonNulCharacter(string path) => NotNow("api-json-nul-character",
        $"请求体在 {path} 处的文字含有不可见的空字符（U+0000），无法保存。请删除后重试。", ("path", path));

    /// <summary>422: a region search longer than any region's name or code.</summary>
    public static Message RegionSearchTooLong(int length, int max) => NotNow("region-search-too-long",
        $"查找内容过长（{length} 个字符）：地区名称最多 {max} 个字符，请输入地区代码的开头或名称的一部分。", ("length", length), ("max", max));
}
