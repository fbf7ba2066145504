using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Samstyring.Core.Common;

namespace Samstyring.Core.Data;

/// <summary>
/// Stores an enum value as its code (<see cref="EnumText.Code"/>: "green", "rollout-project"), the same text the API,
/// forms, files, CLI and audit log use, so a value has one name everywhere.
/// </summary>
public sealed class EnumCodeConverter<TEnum>() : ValueConverter<TEnum, string>(v => EnumText.Code(v), s => EnumText.FromCode<TEnum>(s))
    where TEnum : struct, Enum;

/// <summary>
/// Gives every enum property <see cref="EnumCodeConverter{TEnum}"/> as it enters the model, so a new enum is stored by its
/// codes without a line in its configuration (which still sets the column's length). Registered in
/// <see cref="SamstyringDb"/>.ConfigureConventions.
/// </summary>
internal sealed class EnumCodeConvention : IPropertyAddedConvention
{
    public void ProcessPropertyAdded(IConventionPropertyBuilder propertyBuilder, IConventionContext<IConventionPropertyBuilder> context)
    {
        var type = Nullable.GetUnderlyingType(propertyBuilder.Metadata.ClrType) ?? propertyBuilder.Metadata.ClrType;
        if (type.IsEnum)
            propertyBuilder.HasConversion((ValueConverter)Activator.CreateInstance(typeof(EnumCodeConverter<>).MakeGenericType(type))!);
    }
}
