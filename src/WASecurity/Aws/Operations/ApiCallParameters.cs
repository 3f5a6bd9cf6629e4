using WASecurity.Evidence;

namespace WASecurity.Aws.Operations
{
    /// <summary>Reads an ApiCall's request parameters for SDK operations, which build typed requests from them.</summary>
    internal static class ApiCallParameters
    {
        /// <summary>The named string parameter, or null when the call does not carry it.</summary>
        public static string? StringParameter(this ApiCall call, string name) =>
            call.Parameters.TryGetValue(name, out var value) ? value as string : null;
    }
}
