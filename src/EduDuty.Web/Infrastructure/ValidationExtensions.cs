using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EduDuty.Web.Infrastructure;

internal static class ValidationExtensions
{
    /// <summary>Copies FluentValidation failures into ModelState under the bound property's prefix (e.g. "Input.UserName").</summary>
    public static void AddTo(this ValidationResult result, ModelStateDictionary modelState, string prefix)
    {
        foreach (var error in result.Errors)
        {
            modelState.AddModelError($"{prefix}.{error.PropertyName}", error.ErrorMessage);
        }
    }
}
