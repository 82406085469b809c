namespace EduDuty.Core.Text;

/// <summary>
/// Marks a form value that the page echoes back from what is stored (the area form's base values, compared to tell the
/// user's own changes from others'), never stored from the form: the input rule (<see cref="PlainText"/>) does not check
/// it, so a control an older row holds never blocks a save of the rest. (Not <c>[Editable(false)]</c>: model binding reads
/// that as read-only and would not bind the value at all.)
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class EchoOfStoredAttribute : Attribute;
