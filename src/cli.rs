//! The command-line grammar (clap derive). Each subcommand's doc comment is its `--help`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::connstr::{EMULATOR_ACCESS_KEY, EMULATOR_PORT};
use crate::output::Format;
use crate::wire::ops::{ClientType, TTL_RANGE};
use crate::wire::{ConnectionId, GroupName, HubName, Permission, UserId};

const EXIT_CODES: &str = "\
Exit codes:
  0   success
  1   a check answered no (exists / permission check)
  2   usage error or bad input (arguments, connection string, JSON)
  3   authentication failed (401/403, bad or expired token)
  4   the service rejected the request (other 4xx)
  5   the service failed (5xx)
  6   cannot reach the service (connection refused, DNS)
  7   timed out
  8   a client command failed (piped `client start`)
  10  internal or I/O error";

/// A fast command-line tool for Azure Web PubSub, with a built-in local emulator.
#[derive(Debug, Parser)]
#[command(name = "webpubsub", version, propagate_version = true, after_help = EXIT_CODES)]
pub struct Cli {
    /// When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,

    /// JMESPath query applied to JSON results before they are printed, as az does, e.g.
    /// `--query existence` or `--query "[].connectionId"` (see https://jmespath.org).
    #[arg(long, global = true, value_name = "JMESPATH")]
    pub query: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

/// Parses the command line, with help and usage errors coloured as `--color` says: clap itself
/// only looks at the terminal (and `NO_COLOR`), so `--color never` is read before it parses.
pub fn parse() -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let mut choice = None;
    for (i, arg) in args.iter().enumerate() {
        let value = match arg.to_str() {
            Some("--color") => args.get(i + 1).and_then(|v| v.to_str()),
            Some(a) => a.strip_prefix("--color="),
            None => None,
        };
        match value {
            Some("never") => choice = Some(clap::ColorChoice::Never),
            Some("always") => choice = Some(clap::ColorChoice::Always),
            Some("auto") => choice = Some(clap::ColorChoice::Auto),
            _ => {}
        }
        if arg == "--" {
            break;
        }
    }
    let command = Cli::command().color(choice.unwrap_or(clap::ColorChoice::Auto));
    let matches = command.get_matches_from(args);
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Call the REST data plane: send messages, manage groups, connections, users and permissions.
    Service(Service),

    /// Client-side tools: mint a client access token or URL locally.
    #[command(subcommand)]
    Client(ClientCommand),

    /// Inspect tokens: decode a JWT and check its signature.
    #[command(subcommand)]
    Token(TokenCommand),

    /// Show or regenerate a resource's access keys (through Azure Resource Manager, as az does).
    #[command(subcommand)]
    Key(KeyCommand),

    /// Create, update, show, list or delete a hub's settings: event handlers, anonymous
    /// connections, keep-alive (through Azure Resource Manager, as az does).
    #[command(subcommand)]
    Hub(HubCommand),

    /// Run a local Azure Web PubSub service: REST API, client WebSockets and JWT auth, no Azure account needed.
    #[command(subcommand)]
    Emulator(EmulatorCommand),

    /// Print a shell completion script (bash, zsh, fish, powershell, elvish) to stdout.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum EmulatorCommand {
    /// Start the emulator and print its connection string on stdout.
    ///
    /// The connection string is the first (and only) line on stdout; everything else goes to
    /// stderr, so `webpubsub emulator start --port 0 | head -1` gives a script what it needs.
    /// Stop it with Ctrl-C, or start it with --detach to get the terminal back and stop it later
    /// with `webpubsub emulator stop`.
    #[command(
        after_help = "Examples:\n  webpubsub emulator start\n  webpubsub emulator start --port 0        # any free port\n  curl -I http://localhost:8080/api/health"
    )]
    Start(Box<EmulatorStart>),

    /// Stop emulators started with `emulator start --detach` (all of them, or the one on --port).
    #[command(
        after_help = "Examples:\n  CS=$(webpubsub emulator start --port 0 --detach)\n  webpubsub service --connection-string \"$CS\" --hub chat health\n  webpubsub emulator stop"
    )]
    Stop {
        /// Only the emulator listening on this port.
        #[arg(long, short, value_name = "PORT")]
        port: Option<u16>,
    },
}

#[derive(Debug, Args)]
pub struct EmulatorStart {
    /// Run in the background: print the connection string once the emulator is ready and
    /// return, leaving it running (its log goes to a file, named on stderr). For scripts:
    /// `CS=$(webpubsub emulator start --port 0 --detach)`; stop it with `webpubsub emulator stop`.
    #[arg(long)]
    pub detach: bool,

    /// With --detach: where the emulator's log goes [default: a file in the user's runtime
    /// directory, named on stderr].
    #[arg(long, value_name = "FILE", requires = "detach")]
    pub log_file: Option<std::path::PathBuf>,

    /// Address to listen on. The default accepts only local connections.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub host: String,

    /// Port to listen on; 0 picks a free one (printed in the connection string).
    #[arg(long, short, default_value_t = EMULATOR_PORT, value_name = "PORT")]
    pub port: u16,

    /// Access key that signs tokens: at least 32 characters. The default is the public key of
    /// Microsoft's emulator, so its samples work unchanged.
    #[arg(long, env = "WEBPUBSUB_EMULATOR_ACCESS_KEY", default_value = EMULATOR_ACCESS_KEY,
          hide_default_value = true, hide_env_values = true, value_name = "KEY")]
    pub access_key: String,

    /// Seconds a dropped reliable connection waits to be recovered.
    #[arg(
        long,
        default_value_t = 30,
        value_name = "SECS",
        hide_short_help = true
    )]
    pub recovery_window: u64,

    /// Send events to an upstream handler (repeatable; the first match wins), az-style items:
    /// "url-template=http://localhost:3000/eventhandler/{event} user-event-pattern=*
    /// system-event=connect system-event=connected system-event=disconnected [hub=chat]"
    #[arg(long = "event-handler", value_name = "SPEC")]
    pub event_handlers: Vec<String>,

    /// Append a request log to FILE (`-` for stderr): one JSON object per line for every REST
    /// call (method, path, query, content type, body, the bearer token's claims, status) and
    /// every client frame in and out. Tokens and the access key are never written: a token
    /// becomes its claims, and access_token and reconnection tokens are redacted.
    #[arg(long, value_name = "FILE")]
    pub trace: Option<String>,

    /// Also answer requests whose Host is NAME (repeatable; `*.NAME` for its subdomains), e.g.
    /// a tunnel or container name. Without it only localhost, *.localhost and IP addresses are
    /// answered, so web pages cannot reach the emulator through DNS rebinding.
    #[arg(long = "allowed-host", value_name = "NAME")]
    pub allowed_hosts: Vec<String>,

    /// Also accept browser requests and WebSockets from ORIGIN (repeatable), e.g.
    /// http://devbox:3000; `*` accepts any. Without it only pages on localhost, *.localhost and
    /// loopback addresses may use the emulator; clients that send no Origin always may.
    #[arg(long = "allowed-origin", value_name = "ORIGIN")]
    pub allowed_origins: Vec<String>,

    /// Seconds a client may take to send a request's headers (from connecting, or from the
    /// first byte of a later request) before the connection is closed.
    #[arg(long, default_value_t = 10, value_name = "SECS", hide = true,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub header_timeout: u64,

    /// Seconds a kept-alive connection may stay idle between requests.
    #[arg(long, default_value_t = 60, value_name = "SECS", hide = true,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub idle_timeout: u64,

    /// Seconds a client may take to send a request body after its headers (answered with 408).
    #[arg(long, default_value_t = 30, value_name = "SECS", hide = true,
          value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub body_timeout: u64,

    /// Name of the emulated Azure resource, for ARM paths (`--arm-endpoint` in the CLI).
    #[arg(long, short = 'n', default_value = "local", value_name = "NAME")]
    pub name: String,

    /// Resource group of the emulated resource.
    #[arg(long, short = 'g', default_value = "local", value_name = "RG")]
    pub resource_group: String,

    /// Subscription id of the emulated resource.
    #[arg(
        long,
        default_value = "00000000-0000-0000-0000-000000000000",
        value_name = "SUB"
    )]
    pub subscription: String,

    /// Refuse tokens signed with the access keys (REST and clients), as disableLocalAuth does:
    /// only Entra ID tokens are accepted, and clients connect with tokens from :generateToken.
    #[arg(long)]
    pub disable_local_auth: bool,

    /// Secondary access key (at least 32 characters) [default: random at each start].
    #[arg(long, value_name = "KEY", hide_short_help = true)]
    pub secondary_key: Option<String>,

    /// Secret of the managed-identity endpoint (IDENTITY_HEADER; 8 to 256 printable
    /// characters) [default: random at each start, printed on stderr].
    #[arg(long, value_name = "SECRET", hide_short_help = true)]
    pub identity_header: Option<String>,

    /// Give an Entra identity (client id) other roles than the default (all):
    /// CLIENT_ID=ROLE[,ROLE] with Contributor, Reader, WebPubSubServiceOwner, or none
    /// (repeatable), e.g. reader-app=Reader.
    #[arg(long = "entra-identity", value_name = "CLIENT_ID=ROLES")]
    pub entra_identities: Vec<String>,
}

/// Where the service is and how to sign requests. Without any of these, the local emulator's
/// defaults are used (`webpubsub emulator start`).
#[derive(Debug, Clone, Args)]
pub struct Credentials {
    /// Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0;
    /// or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>];
    /// [default: the local emulator's, Endpoint=http://localhost:8080;…]
    #[arg(long, env = "WebPubSubConnectionString", hide_env_values = true, global = true,
          value_name = "STRING", conflicts_with_all = ["endpoint"])]
    pub connection_string: Option<String>,

    /// Service endpoint, with --access-key, or alone to sign in with Entra ID.
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint: Option<String>,

    /// Access key for --endpoint.
    #[arg(
        long,
        env = "WebPubSubAccessKey",
        hide_env_values = true,
        global = true,
        value_name = "KEY"
    )]
    pub access_key: Option<String>,

    /// Hub name (case-insensitive on the service).
    #[arg(
        long = "hub-name",
        visible_alias = "hub",
        env = "WebPubSubHub",
        global = true,
        value_name = "HUB"
    )]
    pub hub: Option<HubName>,

    #[command(flatten)]
    pub resource: ResourceArgs,

    /// How to sign data-plane requests: key (an access key: from the connection string, or
    /// listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login,
    /// azd, a service principal, workload or managed identity from the environment)
    /// [default: key when one is available, else entra].
    #[arg(long, global = true, value_enum, value_name = "KIND", help_heading = AZURE)]
    pub auth: Option<AuthKind>,

    /// Send requests (and client connections) through this reverse proxy, e.g. an Azure
    /// Application Gateway in front of the service; tokens still name the service's endpoint.
    #[arg(long, global = true, value_name = "URL", help_heading = AZURE)]
    pub reverse_proxy: Option<String>,
}

const AZURE: &str = "Azure resource";

/// Which Azure resource, az-style: `-n NAME -g GROUP [--subscription ID]`, or `--ids ID`.
#[derive(Debug, Clone, Default, Args)]
pub struct ResourceArgs {
    /// Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes
    /// precedence over a connection string).
    #[arg(long, short = 'n', global = true, value_name = "NAME", help_heading = AZURE)]
    pub name: Option<String>,

    /// Resource group of the resource.
    #[arg(long, short = 'g', global = true, value_name = "GROUP", help_heading = AZURE)]
    pub resource_group: Option<String>,

    /// Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az's default
    /// subscription].
    #[arg(long, global = true, env = "AZURE_SUBSCRIPTION_ID", value_name = "ID", help_heading = AZURE)]
    pub subscription: Option<String>,

    /// The resource's full id instead of -n/-g/--subscription:
    /// /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME
    #[arg(long, global = true, value_name = "ID", conflicts_with_all = ["name", "resource_group"],
          help_heading = AZURE)]
    pub ids: Option<String>,

    /// Azure Resource Manager endpoint, for sovereign clouds or the local emulator
    /// (http://localhost:8080) [default: https://management.azure.com].
    #[arg(long, global = true, env = "WEBPUBSUB_ARM_ENDPOINT", value_name = "URL",
          help_heading = AZURE)]
    pub arm_endpoint: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuthKind {
    /// An access key (a token signed per request).
    Key,
    /// An Entra ID token (scope https://webpubsub.azure.com/.default).
    Entra,
}

/// `webpubsub service …`
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  webpubsub emulator start &
  webpubsub service --hub chat broadcast --payload 'hello'
  webpubsub service --hub chat group send --group-name g1 --payload '{\"a\":1}' --content-type json
  webpubsub service --hub chat user exist --user-id alice && echo online
  webpubsub service --hub chat token --user-id alice --role webpubsub.joinLeaveGroup

On Azure (after `az login`; keys are listed when you may, else Entra ID signs the requests):
  webpubsub service -n my-pubsub -g my-group --hub chat broadcast --payload 'hello'
  webpubsub service -n my-pubsub -g my-group --auth entra --hub chat user exist --user-id alice
  WebPubSubConnectionString='Endpoint=https://my-pubsub.webpubsub.azure.com;AuthType=azure.msi;' \\
    webpubsub service --hub chat broadcast --payload 'from a managed identity'")]
pub struct Service {
    #[command(flatten)]
    pub credentials: Credentials,

    /// REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections].
    #[arg(long, global = true, value_name = "VERSION")]
    pub api_version: Option<String>,

    /// Output format of query results (exist, check, list, token) [default: json]. With
    /// --dry-run the request is printed as text, or as JSON with -o json.
    #[arg(long, short = 'o', global = true, value_enum, value_name = "FORMAT")]
    pub output: Option<Format>,

    /// exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1,
    /// for scripts that read the answer rather than the exit code.
    #[arg(long, global = true)]
    pub exit_zero: bool,

    /// Seconds the whole operation may take, retries and their waits included (for `apply`,
    /// each action; for `list-connections`, all pages). A retry that would end later is not made.
    #[arg(long, global = true, default_value_t = 30, value_name = "SECS",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,

    /// Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as
    /// seconds or a date), within --timeout.
    #[arg(long, global = true, default_value_t = 3, value_name = "N")]
    pub retries: usize,

    /// Print each HTTP request and response on stderr (access key and tokens redacted).
    #[arg(long, global = true, visible_alias = "verbose")]
    pub debug: bool,

    /// Print the request that would be sent, and send nothing.
    #[arg(long, global = true)]
    pub dry_run: bool,

    #[command(subcommand)]
    pub command: ServiceCommand,
}

/// What every control-plane (`key`, `hub`) command takes: the resource and how to print.
#[derive(Debug, Clone, Args)]
pub struct ArmArgs {
    #[command(flatten)]
    pub resource: ResourceArgs,

    /// Output format [default: json, the Azure Resource Manager JSON as az prints it].
    #[arg(long, short = 'o', global = true, value_enum, value_name = "FORMAT")]
    pub output: Option<Format>,

    /// Seconds each Azure Resource Manager call may take, sign-in and retries included.
    #[arg(long, global = true, default_value_t = 60, value_name = "SECS",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub timeout: u64,

    /// Retries on 429, 5xx and connection failures, within --timeout.
    #[arg(long, global = true, default_value_t = 3, value_name = "N")]
    pub retries: usize,

    /// Print each HTTP request and response on stderr (tokens, keys and connection strings
    /// redacted).
    #[arg(long, global = true, visible_alias = "verbose")]
    pub debug: bool,
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Show the access keys and connection strings (needs the Contributor role).
    #[command(after_help = "Examples:
  webpubsub key show -n my-pubsub -g my-group
  webpubsub key show -n my-pubsub -g my-group | jq -r .primaryConnectionString
  webpubsub key show --ids /subscriptions/…/resourceGroups/my-group/providers/Microsoft.SignalRService/WebPubSub/my-pubsub")]
    Show(ArmArgs),
    /// Regenerate the primary or secondary key: tokens signed with the old one stop working.
    #[command(after_help = "Examples:
  webpubsub key regenerate -n my-pubsub -g my-group --key-type secondary")]
    Regenerate {
        #[command(flatten)]
        arm: ArmArgs,
        /// Which key to regenerate.
        #[arg(long, value_enum, value_name = "TYPE")]
        key_type: KeyType,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeyType {
    Primary,
    Secondary,
    /// The salt of tokens the service issues: invalidates them, keeps both keys.
    Salt,
}

#[derive(Debug, Subcommand)]
pub enum HubCommand {
    /// Create (or replace) a hub's settings.
    #[command(after_help = HUB_EXAMPLES)]
    Create(HubWrite),
    /// Change some of a hub's settings; those not given stay as they are.
    #[command(after_help = HUB_EXAMPLES)]
    Update(HubWrite),
    /// Show a hub's settings.
    Show {
        #[command(flatten)]
        arm: ArmArgs,
        #[command(flatten)]
        hub: HubNameArg,
    },
    /// List the hubs that have settings.
    List(ArmArgs),
    /// Delete a hub's settings (its connections stay; the defaults apply again).
    Delete {
        #[command(flatten)]
        arm: ArmArgs,
        #[command(flatten)]
        hub: HubNameArg,
    },
}

const HUB_EXAMPLES: &str = "Event handlers take az's items, KEY=VALUE separated by spaces; repeat --event-handler for several:
  url-template=URL        where events go; {hub} and {event} are replaced (required)
  user-event-pattern=P    user events to send: *, or names separated by commas
  system-event=E          connect, connected or disconnected (repeat for several)
  auth-type=T             None or ManagedIdentity
  auth-resource=R         the audience of the managed identity's token

Examples:
  webpubsub hub create -n my-pubsub -g my-group --hub-name chat \\
    --event-handler url-template='https://app.example/eventhandler/{event}' user-event-pattern='*' \\
      system-event=connect system-event=connected
  webpubsub hub update -n my-pubsub -g my-group --hub-name chat --allow-anonymous --websocket-keepalive 10
  webpubsub hub update -n my-pubsub -g my-group --hub-name chat --allow-anonymous false";

/// `hub create` and `hub update`.
#[derive(Debug, Args)]
pub struct HubWrite {
    #[command(flatten)]
    pub arm: ArmArgs,
    #[command(flatten)]
    pub hub: HubNameArg,
    /// An upstream event handler as az's items (see below); repeatable, each handler starting
    /// with its url-template. On update, the given handlers replace all of the hub's.
    #[arg(long = "event-handler", value_name = "KEY=VALUE", num_args = 1..,
          action = clap::ArgAction::Append)]
    pub event_handlers: Vec<String>,
    /// Let clients connect without an access token (anonymous, no user id); `false` to deny.
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true",
          action = clap::ArgAction::Set)]
    pub allow_anonymous: Option<bool>,
    /// Seconds between the WebSocket pings the service sends each client (1-120).
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u32).range(1..=120))]
    pub websocket_keepalive: Option<u32>,
}

#[derive(Debug, Clone, Args)]
pub struct HubNameArg {
    /// The hub.
    #[arg(long = "hub-name", visible_alias = "hub", value_name = "HUB")]
    pub hub_name: HubName,
}

#[derive(Debug, Subcommand)]
pub enum ServiceCommand {
    /// Send a message to every connection of the hub.
    Broadcast {
        #[command(flatten)]
        payload: PayloadArgs,
        #[command(flatten)]
        targeting: TargetingArgs,
    },
    /// Send to, check, close a connection, or remove it from all its groups.
    #[command(subcommand)]
    Connection(ConnectionCommand),
    /// Send to a group, manage its members, check or close it.
    #[command(subcommand)]
    Group(GroupCommand),
    /// Send to a user, check, close, or remove it from all groups.
    #[command(subcommand)]
    User(UserCommand),
    /// Grant, revoke or check a connection's permission on a group.
    #[command(subcommand)]
    Permission(PermissionCommand),
    /// Close every connection of the hub.
    CloseAll {
        #[command(flatten)]
        close: CloseArgs,
    },
    /// Add every connection a filter selects to groups.
    AddToGroups(GroupsFilterArgs),
    /// Remove every connection a filter selects from groups.
    RemoveFromGroups(GroupsFilterArgs),
    /// Check that the service answers (HEAD /api/health).
    Health,
    /// Ask the service to generate a client access token (:generateToken).
    Token {
        #[command(flatten)]
        token: ClientTokenArgs,
        /// The kind of client, which sets the token's audience and the URL: default, mqtt or
        /// socketio (case-insensitive).
        #[arg(long, value_name = "TYPE")]
        client_type: Option<ClientType>,
        /// Print the full client URL instead of the token.
        #[arg(long = "print-url", alias = "url")]
        print_url: bool,
    },
    /// Run a list of actions (Azure Functions output-binding shape) from a file or stdin.
    #[command(after_help = r#"Input: a JSON array, or one JSON object per line, e.g.
  {"actionName":"sendToAll","data":"hello","dataType":"text"}
  {"actionName":"addUserToGroup","userId":"alice","group":"g1"}
  {"actionName":"sendToGroup","group":"g1","data":{"a":1},"dataType":"json","excluded":["c1"]}
Actions: sendToAll, sendToConnection, sendToGroup, sendToUser, addUserToGroup, removeUserFromGroup,
removeUserFromAllGroups, addConnectionToGroup, removeConnectionFromGroup, closeAllConnections,
closeClientConnection, closeGroupConnections, grantPermission, revokePermission."#)]
    Apply {
        /// File with the actions, or - for stdin.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Go on after a failed action (the exit code still reports the failure).
        #[arg(long)]
        keep_going: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConnectionCommand {
    /// Send a message to one connection (202 even if it does not exist).
    Send {
        #[command(flatten)]
        id: ConnectionArg,
        #[command(flatten)]
        payload: PayloadArgs,
        #[command(flatten)]
        message: MessageOptions,
    },
    /// Exit 0 if the connection exists, 1 if not.
    #[command(visible_alias = "exists")]
    Exist {
        #[command(flatten)]
        id: ConnectionArg,
    },
    /// Close a connection.
    Close {
        #[command(flatten)]
        id: ConnectionArg,
        /// Reason, shown to the client in its `disconnected` message.
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Remove a connection from all its groups.
    RemoveFromAllGroups {
        #[command(flatten)]
        id: ConnectionArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// Send a message to every connection in a group.
    Send {
        #[command(flatten)]
        group: GroupArg,
        #[command(flatten)]
        payload: PayloadArgs,
        #[command(flatten)]
        targeting: TargetingArgs,
    },
    /// Add a connection to a group.
    AddConnection {
        #[command(flatten)]
        group: GroupArg,
        #[command(flatten)]
        id: ConnectionArg,
    },
    /// Remove a connection from a group.
    RemoveConnection {
        #[command(flatten)]
        group: GroupArg,
        #[command(flatten)]
        id: ConnectionArg,
    },
    /// Add every connection of a user to a group.
    AddUser {
        #[command(flatten)]
        group: GroupArg,
        #[command(flatten)]
        user: UserArg,
    },
    /// Remove a user from a group (or, without --group-name, from all groups, as az does).
    RemoveUser {
        /// The group; without it the user leaves every group.
        #[arg(long, visible_alias = "group", value_name = "GROUP")]
        group_name: Option<GroupName>,
        #[command(flatten)]
        user: UserArg,
    },
    /// Exit 0 if the group has connections, 1 if not.
    #[command(visible_alias = "exists")]
    Exist {
        #[command(flatten)]
        group: GroupArg,
    },
    /// Close every connection in a group.
    Close {
        #[command(flatten)]
        group: GroupArg,
        #[command(flatten)]
        close: CloseArgs,
    },
    /// List the connections in a group (api-version 2024-12-01).
    ListConnections {
        #[command(flatten)]
        group: GroupArg,
        /// At most this many connections in all.
        #[arg(long, value_name = "N")]
        top: Option<u32>,
        /// Connections per page requested from the service (1-200).
        #[arg(long, value_name = "N")]
        max_page_size: Option<u32>,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Send a message to every connection of a user.
    Send {
        #[command(flatten)]
        user: UserArg,
        #[command(flatten)]
        payload: PayloadArgs,
        /// OData filter selecting among the user's connections.
        #[arg(long, value_name = "ODATA")]
        filter: Option<String>,
        #[command(flatten)]
        message: MessageOptions,
    },
    /// Exit 0 if the user has connections, 1 if not.
    #[command(visible_alias = "exists")]
    Exist {
        #[command(flatten)]
        user: UserArg,
    },
    /// Close every connection of a user.
    Close {
        #[command(flatten)]
        user: UserArg,
        #[command(flatten)]
        close: CloseArgs,
    },
    /// Remove a user from all groups.
    RemoveFromAllGroups {
        #[command(flatten)]
        user: UserArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum PermissionCommand {
    /// Grant a connection a permission on a group.
    Grant(PermissionArgs),
    /// Revoke a connection's permission on a group.
    Revoke(PermissionArgs),
    /// Exit 0 if the connection has the permission, 1 if not.
    Check(PermissionArgs),
}

#[derive(Debug, Clone, Args)]
pub struct PermissionArgs {
    #[command(flatten)]
    pub id: ConnectionArg,
    /// sendToGroup or joinLeaveGroup.
    #[arg(long, value_name = "PERMISSION", value_parser = PermissionParser)]
    pub permission: Permission,
    /// The group the permission is on; without it, every group.
    #[arg(
        long,
        visible_alias = "group",
        visible_alias = "target-name",
        value_name = "GROUP"
    )]
    pub group_name: Option<GroupName>,
}

#[derive(Debug, Clone, Args)]
pub struct ConnectionArg {
    /// The connection id.
    #[arg(long, value_name = "ID")]
    pub connection_id: ConnectionId,
}

#[derive(Debug, Clone, Args)]
pub struct GroupArg {
    /// The group name.
    #[arg(long, visible_alias = "group", value_name = "GROUP")]
    pub group_name: GroupName,
}

#[derive(Debug, Clone, Args)]
pub struct UserArg {
    /// The user id.
    #[arg(long, value_name = "USER")]
    pub user_id: UserId,
}

/// How a message travels: its time to live and its metadata.
#[derive(Debug, Clone, Args)]
pub struct MessageOptions {
    /// Drop the message for receivers that have not taken it within this many seconds
    /// (0-300; 0, the default, never expires). REST `messageTtlSeconds`.
    #[arg(long, value_name = "SECS", value_parser = clap::value_parser!(u32).range(TTL_RANGE.0..=TTL_RANGE.1))]
    pub ttl: Option<u32>,
    /// A metadata pair for the receivers (repeatable), sent as an `X-WebPubSub-Metadata-KEY`
    /// header; JSON clients get it in the message's `metadata`. KEY: letters, digits and
    /// !#$%&'*+-.^_`|~; VALUE: ASCII, at most 1024 bytes.
    #[arg(long, value_name = "KEY=VALUE", value_parser = parse_metadata_pair)]
    pub metadata: Vec<(String, String)>,
}

/// `KEY=VALUE` of `--metadata`, each side checked as the service checks it.
fn parse_metadata_pair(s: &str) -> Result<(String, String), String> {
    let (key, value) = s
        .split_once('=')
        .ok_or_else(|| format!("'{s}' is not KEY=VALUE"))?;
    let pair = std::collections::BTreeMap::from([(key.to_string(), value.to_string())]);
    crate::wire::Metadata::from_map(pair).map_err(|e| e.to_string())?;
    Ok((key.to_string(), value.to_string()))
}

/// The message to send.
#[derive(Debug, Clone, Args)]
#[group(skip)]
pub struct PayloadArgs {
    /// The message, as text (sent as text/plain unless --content-type says otherwise).
    #[arg(
        long,
        value_name = "TEXT",
        required_unless_present = "payload_file",
        conflicts_with = "payload_file"
    )]
    pub payload: Option<String>,
    /// Read the message from a file, or - for stdin (sent as application/octet-stream unless
    /// --content-type says otherwise).
    #[arg(long, value_name = "FILE")]
    pub payload_file: Option<PathBuf>,
    /// text (text/plain), json (application/json, checked before sending) or binary
    /// (application/octet-stream).
    #[arg(long, value_enum, value_name = "TYPE")]
    pub content_type: Option<ContentType>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ContentType {
    #[value(alias = "text/plain")]
    Text,
    #[value(alias = "application/json")]
    Json,
    #[value(alias = "application/octet-stream")]
    Binary,
}

/// Who gets a broadcast or group message.
#[derive(Debug, Clone, Args)]
pub struct TargetingArgs {
    /// Leave out this connection (repeatable).
    #[arg(long, value_name = "CONNECTION_ID")]
    pub excluded: Vec<ConnectionId>,
    /// OData filter selecting recipients, e.g. "userId ne 'bob'" or "'g1' in groups".
    #[arg(long, value_name = "ODATA")]
    pub filter: Option<String>,
    #[command(flatten)]
    pub message: MessageOptions,
}

#[derive(Debug, Clone, Args)]
pub struct CloseArgs {
    /// Keep this connection open (repeatable).
    #[arg(long, value_name = "CONNECTION_ID")]
    pub excluded: Vec<ConnectionId>,
    /// Reason, shown to the clients in their `disconnected` message.
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct GroupsFilterArgs {
    /// Group to add to or remove from (repeatable).
    #[arg(
        long = "group",
        visible_alias = "group-name",
        value_name = "GROUP",
        required = true
    )]
    pub groups: Vec<GroupName>,
    /// OData filter selecting the connections, e.g. "userId eq 'alice'".
    #[arg(long, value_name = "ODATA")]
    pub filter: String,
}

/// What a client access token says.
#[derive(Debug, Clone, Args)]
pub struct ClientTokenArgs {
    /// The user the client connects as.
    #[arg(long, value_name = "USER")]
    pub user_id: Option<UserId>,
    /// Role to grant, e.g. webpubsub.joinLeaveGroup or webpubsub.sendToGroup.g1 (repeatable).
    #[arg(long = "role", value_name = "ROLE", value_parser = RoleParser, hide_possible_values = true)]
    pub roles: Vec<String>,
    /// Group to join on connect (repeatable).
    #[arg(long = "group", value_name = "GROUP")]
    pub groups: Vec<GroupName>,
    /// Minutes until the token expires.
    #[arg(long, default_value_t = 60, value_name = "MINUTES", value_parser = clap::value_parser!(u32).range(1..))]
    pub expires_in: u32,
}

#[derive(Debug, Subcommand)]
pub enum ClientCommand {
    /// Connect to a hub as a client: an interactive REPL on a terminal, a JSON-lines pipe otherwise.
    ///
    /// The token is minted locally from the connection string's key (default roles: the two az
    /// grants, webpubsub.joinLeaveGroup and webpubsub.sendToGroup), generated by the service
    /// when signing in with Entra ID (-n/-g without a key, --auth entra), or comes with --url. On json.reliable
    /// and protobuf.reliable a dropped connection is recovered with nothing lost or shown twice; otherwise, or if that
    /// fails, a new connection is made and the groups joined again.
    #[command(
        after_help = "REPL commands: joingroup G, leavegroup G, sendtogroup G MESSAGE [--json|--binary|--protobuf]
[--no-echo], event NAME MESSAGE [--json|--binary|--protobuf], help, exit (or Ctrl-D). --binary: MESSAGE is
base64; --protobuf (protobuf subprotocols): a serialized google.protobuf.Any in base64.
A line that is a JSON object is sent as typed, e.g. {\"type\":\"joinGroup\",\"group\":\"g1\",\"ackId\":42};
its ackId, if any, is tracked like the others. Lines pasted or typed ahead all run, in order.
--protocol mqtt (MQTT 5.0) or mqtt3 (3.1.1): the same commands at the hub's MQTT endpoint; joingroup
subscribes (its ack is the SUBACK), sendtogroup publishes with QoS 1 (the PUBACK), event publishes
to $webpubsub/server/events/NAME; messages arrive as the same message lines. A lost connection is
made again with the same client id, and the session (kept 30 s by the service) resumed.
History is kept in the user's data directory (e.g. ~/.local/share/webpubsub/client-history).

Piped (stdin or stdout not a terminal): one command per line in, one JSON object per line out:
  {\"type\":\"system\",\"event\":\"connected\",\"connectionId\":\"…\",\"userId\":\"alice\",\"protocol\":\"…\"}
  {\"type\":\"ack\",\"ackId\":1,\"command\":\"joingroup g1\",\"success\":true}
  {\"type\":\"ack\",\"ackId\":2,\"success\":false,\"error\":{\"name\":\"Forbidden\",\"message\":\"…\"},…}
  {\"type\":\"message\",\"from\":\"group\",\"group\":\"g1\",\"fromUserId\":\"bob\",\"dataType\":\"text\",\"data\":\"hi\",\"sequenceId\":3}
    (and \"metadata\":{\"key\":\"value\",…} when the sender attached some)
  {\"type\":\"system\",\"event\":\"reconnecting\",\"attempt\":1,\"message\":\"…\"}
  {\"type\":\"system\",\"event\":\"recovered\" | \"reconnected\" | \"disconnected\", …}
  {\"type\":\"frame\",\"direction\":\"in\" | \"out\",\"text\":\"…\"}          (--show-frames)
The output is the same on every subprotocol: protobuf frames are shown as the JSON frames they stand
for, and protobuf data as dataType \"protobuf\" in base64.
ackIds are 1, 2, 3… in input order. At the end of input it waits for the acks (--ack-timeout), then
exits 0; 8 if a command failed or a line was invalid; 7 if acks were missing. Also: 3 the handshake
was rejected (401/403), 6 the service cannot be reached (or came back too late), 4 the service
closed the connection.

Examples:
  webpubsub client start --hub chat --user-id alice
  echo 'sendtogroup g1 hello' | webpubsub client start --hub chat --group g1
  webpubsub client start --hub chat --group g1 --keep-open < /dev/null | jq .   # live tail of g1
  echo 'sendtogroup g1 hello' | webpubsub client start --hub chat --protocol mqtt   # as an MQTT client
  webpubsub client start -n my-pubsub -g my-group --hub chat --user-id alice      # on Azure, after az login
  webpubsub client start --protocol socketcluster --url ws://localhost:8000/socketcluster/
      # a SocketCluster 9 server: emit EVENT [JSON], subscribe C, unsubscribe C, publish C MESSAGE"
    )]
    Start(ClientStart),

    /// Mint a client access token locally (no network), or with --print-url the full client
    /// URL. With Entra ID (no key), the service generates it (:generateToken).
    #[command(after_help = "Examples:
  webpubsub client token --hub chat --user-id alice --role webpubsub.joinLeaveGroup --group g1
  webpubsub client token --hub chat --print-url | xargs wscat -s json.webpubsub.azure.v1 -c
  webpubsub client token --hub chat -o json --query url
  webpubsub client token --hub chat --client-type mqtt --print-url     # for an MQTT client
  webpubsub client token -n my-pubsub -g my-group --hub chat --print-url")]
    Token {
        #[command(flatten)]
        credentials: Credentials,
        #[command(flatten)]
        token: ClientTokenArgs,
        /// Print the client URL (ws[s]://…/client/hubs/HUB?access_token=…) instead of the token.
        #[arg(long = "print-url", alias = "url")]
        print_url: bool,
        /// The kind of client, which sets the token's audience and the URL: default
        /// (…/client/hubs/HUB), mqtt (…/clients/mqtt/hubs/HUB) or socketio
        /// (…/clients/socketio/hubs/HUB). Case-insensitive.
        #[arg(long, value_name = "TYPE")]
        client_type: Option<ClientType>,
        /// Output format: json ({"token","url"}), table, tsv or none [default: the token alone].
        #[arg(
            long,
            short = 'o',
            value_enum,
            value_name = "FORMAT",
            conflicts_with = "print_url"
        )]
        output: Option<Format>,
    },
}

#[derive(Debug, Args)]
pub struct ClientStart {
    #[command(flatten)]
    pub credentials: Credentials,

    /// The user to connect as (ignored with --url).
    #[arg(long, value_name = "USER")]
    pub user_id: Option<UserId>,

    /// Role to grant (repeatable) [default: webpubsub.joinLeaveGroup and webpubsub.sendToGroup, as az does].
    #[arg(long = "role", value_name = "ROLE", value_parser = RoleParser, hide_possible_values = true)]
    pub roles: Vec<String>,

    /// Group to join on connect (repeatable).
    #[arg(long = "group", value_name = "GROUP")]
    pub groups: Vec<GroupName>,

    /// Minutes until the minted token expires.
    #[arg(long, default_value_t = 60, value_name = "MINUTES", value_parser = clap::value_parser!(u32).range(1..))]
    pub expires_in: u32,

    /// Connect to this client URL (e.g. from `service token --print-url`) instead of minting a
    /// token; with --protocol socketcluster, the server's URL (ws://HOST:PORT/socketcluster/).
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    /// Subprotocol: json.reliable (recovers dropped connections), json, protobuf.reliable and
    /// protobuf (the same in protobuf binary frames), raw (a simple WebSocket client), mqtt
    /// (MQTT 5.0) or mqtt3 (MQTT 3.1.1) at the hub's MQTT endpoint, or socketcluster (a
    /// SocketCluster 9 server at --url, not Web PubSub).
    #[arg(long, value_enum, default_value_t = ClientProtocol::JsonReliable, value_name = "PROTOCOL")]
    pub protocol: ClientProtocol,

    /// Piped mode: keep receiving after the end of input, until interrupted.
    #[arg(long)]
    pub keep_open: bool,

    /// Also show every protocol frame as it is sent (→) and received (←), as
    /// `az webpubsub client start` prints them; in a pipe, `{"type":"frame","direction":…,"text":…}`.
    #[arg(long)]
    pub show_frames: bool,

    /// Piped mode: seconds to wait for outstanding acks at the end of input.
    #[arg(long, default_value_t = 10, value_name = "SECS")]
    pub ack_timeout: u64,

    /// Seconds to keep trying to recover a dropped connection (json.reliable, protobuf.reliable), then as long
    /// again to make a new one, before giving up.
    #[arg(
        long,
        default_value_t = 30,
        value_name = "SECS",
        hide_short_help = true
    )]
    pub reconnect_timeout: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClientProtocol {
    #[value(name = "json.reliable", alias = "json.reliable.webpubsub.azure.v1")]
    JsonReliable,
    #[value(name = "json", alias = "json.webpubsub.azure.v1")]
    Json,
    #[value(
        name = "protobuf.reliable",
        alias = "protobuf.reliable.webpubsub.azure.v1"
    )]
    ProtobufReliable,
    #[value(name = "protobuf", alias = "protobuf.webpubsub.azure.v1")]
    Protobuf,
    #[value(name = "raw")]
    Raw,
    /// MQTT 5.0 over WebSocket, at the hub's MQTT endpoint (/clients/mqtt/hubs/HUB).
    #[value(name = "mqtt", alias = "mqtt5")]
    Mqtt,
    /// MQTT 3.1.1 over WebSocket.
    #[value(name = "mqtt3", alias = "mqtt311")]
    Mqtt311,
    /// Not Web PubSub: a SocketCluster 9 server, with --url ws://HOST:PORT/socketcluster/.
    #[value(name = "socketcluster")]
    SocketCluster,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Show a JWT's header and claims, when it expires, and whether its signature verifies.
    #[command(after_help = "Examples:
  webpubsub token decode eyJhbGciOi…
  webpubsub client token --hub chat | webpubsub token decode -")]
    Decode {
        /// The token, a client URL containing access_token=…, or - to read it from stdin.
        #[arg(value_name = "TOKEN")]
        token: String,
        /// Key to verify the signature with (or the one of --connection-string); without either,
        /// the signature is not checked (and the output says so).
        #[arg(
            long,
            env = "WebPubSubAccessKey",
            hide_env_values = true,
            value_name = "KEY"
        )]
        access_key: Option<String>,
        /// Connection string whose key verifies the signature.
        #[arg(
            long,
            env = "WebPubSubConnectionString",
            hide_env_values = true,
            value_name = "STRING"
        )]
        connection_string: Option<String>,
        /// Output format.
        #[arg(long, short = 'o', value_enum, value_name = "FORMAT")]
        output: Option<Format>,
    },
}

/// `--permission`: parsed case-insensitively, and its two values offered to shell completion.
#[derive(Debug, Clone, Copy)]
struct PermissionParser;

impl clap::builder::TypedValueParser for PermissionParser {
    type Value = Permission;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Permission, clap::Error> {
        let text = value.to_string_lossy();
        text.parse().map_err(|e: String| {
            clap::Error::raw(clap::error::ErrorKind::InvalidValue, format!("{e}\n")).with_cmd(cmd)
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let values = [Permission::SendToGroup, Permission::JoinLeaveGroup];
        Some(Box::new(
            values
                .into_iter()
                .map(|p| clap::builder::PossibleValue::new(p.as_str())),
        ))
    }
}

/// `--role`: any role (group-scoped and wildcard ones cannot be listed), the two global ones
/// offered to shell completion.
#[derive(Debug, Clone, Copy)]
struct RoleParser;

impl clap::builder::TypedValueParser for RoleParser {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<String, clap::Error> {
        let text = value.to_string_lossy();
        if text.is_empty() || text.chars().any(char::is_control) {
            return Err(clap::Error::raw(
                clap::error::ErrorKind::InvalidValue,
                "a role is not empty and has no control characters, e.g. webpubsub.sendToGroup.g1\n",
            )
            .with_cmd(cmd));
        }
        Ok(text.into_owned())
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let roles = [crate::wire::ROLE_JOIN_LEAVE, crate::wire::ROLE_SEND];
        Some(Box::new(
            roles.into_iter().map(clap::builder::PossibleValue::new),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
