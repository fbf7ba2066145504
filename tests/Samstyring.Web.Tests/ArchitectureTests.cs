using System.Reflection;
using System.Reflection.Emit;
using Samstyring.Core.Data;
using Samstyring.Web.Shared;

namespace Samstyring.Web.Tests;

/// <summary>
/// One path from every door to the data: pages and endpoints call Core's use cases and queries, never the DbContext.
/// Every type in the web assembly is checked, compiler-generated ones (lambdas of minimal API handlers, async state
/// machines) included and counted as the type they were written in: its fields, properties, signatures, locals and every
/// member its code refers to.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Web = typeof(WebSetup).Assembly;

    /// <summary>The composition root wires Core into the host, and may name the context to do so.</summary>
    private static readonly HashSet<string> CompositionRoot = ["Program", typeof(WebSetup).FullName!];

    [Fact]
    public void No_web_type_depends_on_the_DbContext()
    {
        var offenders = Web.GetTypes()
            .Where(t => !t.IsNested)
            .Select(t => (Type: t.FullName!, Uses: UsesOfContext(t).ToList()))
            .Where(t => t.Uses.Count > 0)
            .ToDictionary(t => t.Type, t => t.Uses);

        var unexpected = offenders.Where(o => !CompositionRoot.Contains(o.Key))
            .Select(o => $"{o.Key}: {string.Join("; ", o.Value.Distinct().Take(5))}").Order().ToList();
        Assert.True(unexpected.Count == 0,
            $"Web must reach the data through Core's use cases and queries, not {nameof(SamstyringDb)}:\n" + string.Join('\n', unexpected));
    }

    [Fact]
    public void The_check_sees_a_context_in_a_lambda()
    {
        // The detector itself: a handler lambda whose closure takes the context, as a minimal API endpoint would.
        Func<SamstyringDb, Task<bool>> handler = db => Task.FromResult(db.Organizations.Any());
        Assert.NotNull(handler);
        Assert.Contains(UsesOfContext(typeof(ArchitectureTests)), u => u.Contains("<The_check_sees_a_context_in_a_lambda>"));
    }

    /// <summary>Where <paramref name="type"/> and the types nested in it (closures, state machines) refer to the context.</summary>
    private static IEnumerable<string> UsesOfContext(Type type)
    {
        const BindingFlags all = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        foreach (var t in WithNested(type))
        {
            if (Mentions(t.BaseType)) yield return $"{t.Name} derives from it";
            foreach (var f in t.GetFields(all).Where(f => Mentions(f.FieldType))) yield return $"field {t.Name}.{f.Name}";
            foreach (var p in t.GetProperties(all).Where(p => Mentions(p.PropertyType))) yield return $"property {t.Name}.{p.Name}";
            foreach (var m in t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all)))
            {
                if (m.GetParameters().Any(p => Mentions(p.ParameterType)) || (m is MethodInfo mi && Mentions(mi.ReturnType)))
                    yield return $"signature of {t.Name}.{m.Name}";
                var body = m.GetMethodBody();
                if (body is null) continue;
                if (body.LocalVariables.Any(l => Mentions(l.LocalType))) yield return $"local in {t.Name}.{m.Name}";
                foreach (var member in ReferencedMembers(m, body).Where(RefersToContext)) yield return $"{t.Name}.{m.Name} uses {member.DeclaringType?.Name}.{member.Name}";
            }
        }
    }

    private static IEnumerable<Type> WithNested(Type type) =>
        new[] { type }.Concat(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(WithNested));

    private static bool Mentions(Type? t) =>
        t is not null && !t.IsGenericParameter
        && (t == typeof(SamstyringDb) || t.IsSubclassOf(typeof(SamstyringDb))
            || (t.HasElementType && Mentions(t.GetElementType()))
            || (t.IsGenericType && t.GetGenericArguments().Any(Mentions)));

    private static bool RefersToContext(MemberInfo member) => member switch
    {
        Type t => Mentions(t),
        FieldInfo f => Mentions(f.DeclaringType) || Mentions(f.FieldType),
        MethodBase m => Mentions(m.DeclaringType) || m.GetParameters().Any(p => Mentions(p.ParameterType))
                        || (m is MethodInfo mi && (Mentions(mi.ReturnType) || (mi.IsGenericMethod && mi.GetGenericArguments().Any(Mentions)))),
        _ => Mentions(member.DeclaringType),
    };

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The methods, fields and types a method's IL refers to (call, newobj, ldfld, ldtoken, box, …).</summary>
    private static IEnumerable<MemberInfo> ReferencedMembers(MethodBase method, MethodBody body)
    {
        var il = body.GetILAsByteArray() ?? [];
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var pos = 0;
        while (pos < il.Length)
        {
            var code = il[pos] == 0xFE ? OpCodesByValue[unchecked((short)(0xFE00 | il[pos + 1]))] : OpCodesByValue[il[pos]];
            pos += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    yield return method.Module.ResolveMember(BitConverter.ToInt32(il, pos), typeArgs, methodArgs)!;
                    pos += 4;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    pos += 1;
                    break;
                case OperandType.InlineVar:
                    pos += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    pos += 8;
                    break;
                case OperandType.InlineSwitch:
                    pos += 4 + 4 * BitConverter.ToInt32(il, pos);
                    break;
                default: // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
                    pos += 4;
                    break;
            }
        }
    }
}
