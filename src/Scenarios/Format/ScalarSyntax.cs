using System.Globalization;

namespace RegioLab.Sim.Scenarios.Format;

/// <summary>YAML 1.2 core-schema reading of plain scalars.</summary>
internal static class ScalarSyntax
{
    public static bool TryBool(string value, out bool result)
    {
        switch (value)
        {
            case "true" or "True" or "TRUE":
                result = true;
                return true;
            case "false" or "False" or "FALSE":
                result = false;
                return true;
            default:
                result = false;
                return false;
        }
    }

    public static bool TryInteger(string value, out long result) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);

    public static bool TryNumber(string value, out double result) =>
        double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out result)
        && double.IsFinite(result);
}
