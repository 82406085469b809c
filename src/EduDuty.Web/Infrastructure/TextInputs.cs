using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;

namespace EduDuty.Web.Infrastructure;

/// <summary>
/// Every text a POST handler receives, found from its page's bound properties and the handler's parameters by reflection,
/// with the name the form shows for it (<see cref="DisplayAttribute"/>) and its shape: one line unless declared
/// <see cref="DataType.MultilineText"/>. Strings inside the portal's own form types, their lists and dictionaries are walked
/// too. Not walked: passwords (<see cref="DataType.Password"/>: a secret is never shown or exported, and a sign-in must not
/// fail on a character an older password holds), values the page echoes back from what is stored
/// (<see cref="Core.Text.EchoOfStoredAttribute"/>, e.g. the area form's base values), uploaded files (their names are cleaned on the way in), and
/// services. The same walk over types (<see cref="Declared"/>) tells tests which form keys a handler reads.
/// </summary>
public static class TextInputs
{
    /// <summary>One text input: the form key it binds from, the name the user knows it by, its shape and (at run time) its value.</summary>
    public sealed record Field(string Key, string? Label, bool MultiLine, string? Value);

    /// <summary>What a handler received, after binding.</summary>
    public static IEnumerable<Field> Of(CompiledPageActionDescriptor page, HandlerMethodDescriptor? handler, object instance, IDictionary<string, object?> arguments)
    {
        foreach (var property in BoundProperties(page))
        {
            var info = ((PageBoundPropertyDescriptor)property).Property;
            foreach (var field in Walk(info.PropertyType, info.GetValue(instance), KeyOf(property), info, null, false, 0, declared: false)) yield return field;
        }

        if (handler is null) yield break;
        foreach (var parameter in Parameters(handler))
        {
            arguments.TryGetValue(parameter.Name, out var value);
            foreach (var field in Walk(parameter.ParameterType, value, KeyOf(parameter), parameter.ParameterInfo, null, false, 0, declared: false)) yield return field;
        }
    }

    /// <summary>The text inputs a handler declares (no values; a list's first item stands for all, a dictionary's key is "K").</summary>
    public static IEnumerable<Field> Declared(CompiledPageActionDescriptor page, HandlerMethodDescriptor handler)
    {
        foreach (var property in BoundProperties(page))
        {
            var info = ((PageBoundPropertyDescriptor)property).Property;
            foreach (var field in Walk(info.PropertyType, null, KeyOf(property), info, null, false, 0, declared: true)) yield return field;
        }

        foreach (var parameter in Parameters(handler))
        {
            foreach (var field in Walk(parameter.ParameterType, null, KeyOf(parameter), parameter.ParameterInfo, null, false, 0, declared: true)) yield return field;
        }
    }

    private static IEnumerable<ParameterDescriptor> BoundProperties(CompiledPageActionDescriptor page) =>
        page.BoundProperties.Where(p => !FromServices(p.BindingInfo));

    private static IEnumerable<HandlerParameterDescriptor> Parameters(HandlerMethodDescriptor handler) =>
        handler.Parameters.Where(p => !FromServices(p.BindingInfo) && p.ParameterType != typeof(CancellationToken));

    private static bool FromServices(BindingInfo? binding) =>
        binding?.BindingSource is { } source && (source.CanAcceptDataFrom(BindingSource.Services) || source == BindingSource.Special);

    private static string KeyOf(ParameterDescriptor descriptor) => descriptor.BindingInfo?.BinderModelName ?? descriptor.Name;

    private static IEnumerable<Field> Walk(Type type, object? value, string key, ICustomAttributeProvider? attributes, string? label, bool multiLine, int depth, bool declared)
    {
        if (depth > 4) yield break;
        if (attributes is not null)
        {
            if (Attribute<Core.Text.EchoOfStoredAttribute>(attributes) is not null) yield break;
            var dataType = Attribute<DataTypeAttribute>(attributes)?.DataType;
            if (dataType == DataType.Password) yield break;
            multiLine = dataType == DataType.MultilineText || (dataType is null && multiLine);
            label = Attribute<DisplayAttribute>(attributes)?.GetName() ?? label;
        }

        if (type == typeof(string))
        {
            if (declared || value is not null) yield return new Field(key, label, multiLine, value as string);
            yield break;
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            if (declared)
            {
                foreach (var field in Walk(valueType, null, $"{key}[K]", null, label, multiLine, depth + 1, declared)) yield return field;
                yield break;
            }

            if (value is not IDictionary dictionary) yield break;
            foreach (DictionaryEntry entry in dictionary)
            {
                var entryKey = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                // A dictionary's key is a code the form chose (a field code): one line, named by the dictionary.
                // A value is named by the dictionary and its key, e.g. 指标填报内容（A10.02）.
                yield return new Field($"{key}[{entryKey}]", label, false, entryKey);
                var named = label is null ? null : $"{label}（{entryKey}）";
                foreach (var field in Walk(valueType, entry.Value, $"{key}[{entryKey}]", null, named, multiLine, depth + 1, declared)) yield return field;
            }

            yield break;
        }

        if (ItemType(type) is { } itemType)
        {
            if (declared)
            {
                foreach (var field in Walk(itemType, null, $"{key}[0]", null, label, multiLine, depth + 1, declared)) yield return field;
                yield break;
            }

            if (value is not IEnumerable items) yield break;
            var index = 0;
            foreach (var item in items)
            {
                foreach (var field in Walk(itemType, item, $"{key}[{index}]", null, label, multiLine, depth + 1, declared)) yield return field;
                index++;
            }

            yield break;
        }

        if (!IsFormType(type) || (!declared && value is null)) yield break;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanRead || !property.CanWrite || property.GetIndexParameters().Length > 0) continue;
            foreach (var field in Walk(property.PropertyType, declared ? null : property.GetValue(value), $"{key}.{property.Name}", property, null, multiLine: false, depth + 1, declared))
                yield return field;
        }
    }

    // The portal's own form types (records and classes that a form binds into), not framework types such as IFormFile.
    private static bool IsFormType(Type type) =>
        type.IsClass && type.Namespace is { } ns && ns.StartsWith("EduDuty.", StringComparison.Ordinal) && !typeof(IEnumerable).IsAssignableFrom(type);

    private static Type? DictionaryValueType(Type type) =>
        type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>)) is { } dictionary
            ? dictionary.GetGenericArguments()[1]
            : null;

    private static Type? ItemType(Type type)
    {
        if (type == typeof(string)) return null;
        if (type.IsArray) return type.GetElementType();
        return type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
    }

    private static T? Attribute<T>(ICustomAttributeProvider provider) where T : Attribute =>
        provider.GetCustomAttributes(typeof(T), inherit: true).OfType<T>().FirstOrDefault();
}
