using Partnership.Testing;
using Partnership.Contracts.IntegrationEvents;
using Partnership.EventSourcing;
using Partnership.IdentityRoles.Access.Reading;
using Partnership.IdentityRoles.Access.Updating;
using Partnership.IdentityRoles.AccountManagement.Reading;
using Partnership.IdentityRoles.Domain;

namespace Partnership.IdentityRoles.UnitTests;

/// <summary>The handlers around the decider: what they read and append, on an in-memory store.</summary>
public class AccessHandlersTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private const string Partner = "ajepartner0000000001";
    private const string CustomerAccount = "ajecustomer000000001";
    private const string Cloud = "b1gaaaaaaaaaaaaaaaaa";
    private static readonly string Stream = AccessIds.Stream(ResourceTypes.Cloud, Cloud);

    private readonly InMemoryEventStore _store = new();
    private readonly CommandHandler _commands;

    public AccessHandlersTests()
    {
        _commands = new CommandHandler(_store);
        _store.Seed(Stream, new AccessBindingGranted(ResourceTypes.Cloud, Cloud, CustomerAccount, RoleIds.CloudsOwner, "", Now));
    }

    [Fact]
    public async Task A_change_is_one_append_at_the_version_it_was_decided_on()
    {
        var handler = new UpdateAccessBindingsHandler(_commands, new AccountQueries(_commands), TimeProvider.System);
        var after = await handler.Handle(CustomerAccount, ResourceTypes.Cloud, Cloud,
            [new(BindingAction.Add, Partner, RoleIds.CloudsMember), new(BindingAction.Remove, Partner, RoleIds.CloudsMember),
             new(BindingAction.Add, Partner, RoleIds.CloudsOwner)], CancellationToken.None);

        var append = Assert.Single(_store.Appends);
        Assert.Equal(1, append.Expected.Value);
        Assert.Equal([new RoleBinding(Partner, RoleIds.CloudsOwner)], append.Events.Cast<AccessBindingGranted>()
            .Select(e => new RoleBinding(e.SubjectAccountId, e.RoleId)));
        Assert.Equal([new RoleBinding(CustomerAccount, RoleIds.CloudsOwner), new RoleBinding(Partner, RoleIds.CloudsOwner)], after.Bindings);
    }

    [Fact]
    public async Task A_malformed_resource_id_is_refused_before_anything_is_read()
    {
        var handler = new UpdateAccessBindingsHandler(_commands, new AccountQueries(_commands), TimeProvider.System);
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            handler.Handle(CustomerAccount, ResourceTypes.Cloud, new string('b', 65), [], CancellationToken.None));
        Assert.Equal("resource_id", error.Field);
        Assert.Empty(_store.Reads);
    }

    [Fact]
    public async Task CheckAccess_reads_the_stream_as_it_is_now()
    {
        var queries = new AccessQueries(_commands);
        Assert.False((await queries.Check(Partner, false, ResourceTypes.Cloud, Cloud, Partner, [RoleIds.CloudsOwner], CancellationToken.None)).Allowed);
        _store.Seed(Stream, new AccessBindingGranted(ResourceTypes.Cloud, Cloud, Partner, RoleIds.CloudsOwner, "", Now));
        var result = await queries.Check(Partner, false, ResourceTypes.Cloud, Cloud, Partner, [RoleIds.CloudsOwner, RoleIds.Admin], CancellationToken.None);
        Assert.True(result.Allowed);
        Assert.Equal([RoleIds.CloudsOwner], result.HeldRoleIds);
    }

    [Fact]
    public async Task CheckAccess_about_someone_else_is_for_operators_only()
    {
        var queries = new AccessQueries(_commands);
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            queries.Check(Partner, false, ResourceTypes.Cloud, Cloud, CustomerAccount, [RoleIds.CloudsOwner], CancellationToken.None));
        Assert.Equal(DomainErrorKind.PermissionDenied, error.Kind);
        Assert.True((await queries.Check("ajeoperator000000000", true, ResourceTypes.Cloud, Cloud, CustomerAccount, [RoleIds.CloudsOwner],
            CancellationToken.None)).Allowed);
        Assert.Equal("subject_account_id", (await Assert.ThrowsAsync<DomainException>(() =>
            queries.Check(Partner, false, ResourceTypes.Cloud, Cloud, "", [RoleIds.CloudsOwner], CancellationToken.None))).Field);
    }
}
