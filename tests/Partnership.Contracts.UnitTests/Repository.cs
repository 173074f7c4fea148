namespace Partnership.Contracts.UnitTests;

/// <summary>Files of the repository the tests were built from.</summary>
internal static class Repository
{
    public static string File(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Partnership.sln"))) return Path.Combine(dir.FullName, relative);
        throw new InvalidOperationException("Partnership.sln not found above " + AppContext.BaseDirectory);
    }
}
