namespace EduDuty.Web.Pages.Evaluations;

/// <summary>
/// The comment control on an indicator row or an area heading: the open threads about it, and a form to start one right
/// there, which comes back to <paramref name="ReturnUrl"/> (a local path) after posting.
/// </summary>
public sealed record CommentLink(int EvaluationId, string Target, string TargetName, int OpenThreads, string ReturnUrl)
{
    public string Id => "comment-" + Target.Replace('.', '-');

    public string FormId => Id + "-form";
}
