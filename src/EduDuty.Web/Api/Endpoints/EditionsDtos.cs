using System.ComponentModel;
using EduDuty.Application.Reports.Editions;
using EduDuty.Data.Entities;

namespace EduDuty.Web.Api.Endpoints;

[Description("一版报告定稿：kind 为 submitted（提交时冻结）或 approved（审核通过时冻结，PDF 已签名）；pdfSha256/docxSha256 为保存的文件的 SHA-256。")]
public sealed record EditionDto(int Number, string Kind, string Label, DateTime CreatedAt, string CreatedBy, string PdfSha256, string DocxSha256, string? Signer, string? Opinion)
{
    public static EditionDto Of(EditionInfo e) => new(e.Number, KindOf(e.Kind), e.Label, e.CreatedAtUtc, e.CreatedBy, e.PdfHash, e.DocxHash, e.SignerSubject, e.Opinion);

    public static string KindOf(EditionKind kind) => kind == EditionKind.Approved ? "approved" : "submitted";
}
