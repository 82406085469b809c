using Mono.Cecil;
using Mono.Cecil.Cil;

namespace EduDuty.Architecture.Tests;

/// <summary>
/// Every type a compiled type depends on: its base and interfaces, fields, properties, method signatures, locals, and every
/// type or member its IL names (so a DbContext fetched from a service provider inside a method counts too), including
/// compiler-generated nested types (lambdas, async state machines) and generic arguments.
/// </summary>
internal static class TypeDependencies
{
    public static IEnumerable<TypeReference> Of(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        Collect(type, found);
        return found.SelectMany(Expand);
    }

    public static IEnumerable<TypeDefinition> TypesIn(AssemblyDefinition assembly) =>
        assembly.Modules.SelectMany(m => m.Types).SelectMany(WithNested);

    public static AssemblyDefinition Load(System.Reflection.Assembly assembly) =>
        AssemblyDefinition.ReadAssembly(assembly.Location, new ReaderParameters { ReadSymbols = false });

    private static IEnumerable<TypeDefinition> WithNested(TypeDefinition type) => type.NestedTypes.SelectMany(WithNested).Prepend(type);

    private static void Collect(TypeDefinition type, List<TypeReference> found)
    {
        if (type.BaseType is not null) found.Add(type.BaseType);
        found.AddRange(type.Interfaces.Select(i => i.InterfaceType));
        found.AddRange(type.Fields.Select(f => f.FieldType));
        found.AddRange(type.Properties.Select(p => p.PropertyType));
        foreach (var method in type.Methods)
        {
            found.Add(method.ReturnType);
            found.AddRange(method.Parameters.Select(p => p.ParameterType));
            if (!method.HasBody) continue;
            found.AddRange(method.Body.Variables.Select(v => v.VariableType));
            foreach (var instruction in method.Body.Instructions) Operand(instruction, found);
        }

        foreach (var nested in type.NestedTypes) Collect(nested, found);
    }

    private static void Operand(Instruction instruction, List<TypeReference> found)
    {
        switch (instruction.Operand)
        {
            case TypeReference t:
                found.Add(t);
                break;
            case MethodReference m:
                found.Add(m.DeclaringType);
                found.Add(m.ReturnType);
                found.AddRange(m.Parameters.Select(p => p.ParameterType));
                if (m is GenericInstanceMethod g) found.AddRange(g.GenericArguments);
                break;
            case FieldReference f:
                found.Add(f.DeclaringType);
                found.Add(f.FieldType);
                break;
        }
    }

    // A generic instance, array or by-ref type depends on its element and its arguments too.
    private static IEnumerable<TypeReference> Expand(TypeReference type)
    {
        yield return type;
        switch (type)
        {
            case GenericInstanceType generic:
                yield return generic.ElementType;
                foreach (var inner in generic.GenericArguments.SelectMany(Expand)) yield return inner;
                break;
            case TypeSpecification spec:
                foreach (var inner in Expand(spec.ElementType)) yield return inner;
                break;
        }
    }
}
