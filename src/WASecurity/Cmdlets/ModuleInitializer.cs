using System.Management.Automation;

namespace WASecurity.Cmdlets
{
    /// <summary>Runs when PowerShell imports the module: findings and reports learn to read PowerShell's values.</summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        public void OnImport() => PowerShellValues.Register();
    }
}
