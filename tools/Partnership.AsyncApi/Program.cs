using Partnership.AsyncApi;

// dotnet run --project tools/Partnership.AsyncApi -- contracts/asyncapi.yaml
var path = args.Length > 0 ? args[0] : Path.Combine("contracts", "asyncapi.yaml");
File.WriteAllText(path, AsyncApiCatalogue.Yaml());
Console.WriteLine($"Wrote {path}: {EventCatalogue.Entries().Count} channels.");
