using System.ComponentModel;
using EduDuty.Core.Evidence;
using EduDuty.Data.Entities;

namespace EduDuty.Web.Api.Endpoints;

[Description("一份佐证材料：area/field 为所属领域和指标（都为 null 时属于整个评价），sha256 为内容的哈希，verdict 为 sufficient、insufficient 或 null（未评定）；version 为评定、改名时须带回的版本。")]
public sealed record EvidenceDto(
    int Id, string? Area, string? Field, string Title, string? DocumentNumber, DateOnly? DocumentDate, string FileName, long Length, string Sha256,
    string Kind, string UploadedBy, DateTime UploadedAt, string? Verdict, string? VerdictReason, string? VerdictBy, DateTime? VerdictAt, int Version)
{
    public static EvidenceDto Of(EvidenceFile f) => new(f.Id, f.AreaKey, f.FieldCode, f.Title, f.DocumentNumber, f.DocumentDate, f.FileName, f.Length,
        f.ContentHash, f.Kind.ToString().ToLowerInvariant(), f.UploadedByName, f.UploadedAtUtc, VerdictOf(f.Verdict), f.VerdictReason, f.VerdictByName, f.VerdictAtUtc, f.Version);

    public static string? VerdictOf(EvidenceVerdict? verdict) => verdict switch
    {
        EvidenceVerdict.Sufficient => "sufficient",
        EvidenceVerdict.Insufficient => "insufficient",
        _ => null,
    };
}

[Description("一份评价的全部佐证材料与已用空间（字节）。")]
public sealed record EvidenceListDto(int EvaluationId, long UsedBytes, IReadOnlyList<EvidenceDto> Files);

[Description("评定：verdict 为 sufficient（充分）或 insufficient（不充分，须写 reason）；version 为读取时材料的版本。")]
public sealed record VerdictRequest(string? Verdict, string? Reason, int Version);
