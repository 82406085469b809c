namespace EduDuty.Core.Schemes;

/// <summary>One reason a scheme file is refused. <see cref="Location"/> names the field code or area key concerned.</summary>
public sealed record SchemeError(string Location, string Message)
{
    public override string ToString() => $"{Location}：{Message}";
}

public sealed class SchemeValidationException(IReadOnlyList<SchemeError> errors)
    : Exception("方案文件无效：" + string.Join("；", errors.Take(5)) + (errors.Count > 5 ? $"；等共 {errors.Count} 处错误" : string.Empty))
{
    public IReadOnlyList<SchemeError> Errors { get; } = errors;
}
