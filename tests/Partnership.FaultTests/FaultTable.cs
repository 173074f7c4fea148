using Partnership.IntegrationTests.Infrastructure;

namespace Partnership.FaultTests;

/// <summary>artifacts/faults.txt: one line per scenario run, appended, so a whole run reads as one table.</summary>
public static class FaultTable
{
    private static readonly object Gate = new();

    public static string Path => System.IO.Path.Combine(TestInfrastructure.RepositoryRoot(), "artifacts", "faults.txt");

    public static void Append(FaultResult result)
    {
        lock (Gate)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            if (!File.Exists(Path)) File.WriteAllText(Path, FaultResult.Header + Environment.NewLine);
            File.AppendAllText(Path, $"{result}  [{DateTime.UtcNow:yyyy-MM-dd HH:mm}Z]{Environment.NewLine}");
        }
    }
}
