
use builtin;
use str;

set edit:completion:arg-completer[webpubsub] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'webpubsub'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'webpubsub'= {
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand service 'Call the REST data plane: send messages, manage groups, connections, users and permissions'
            cand client 'Client-side tools: mint a client access token or URL locally'
            cand token 'Inspect tokens: decode a JWT and check its signature'
            cand key 'Show or regenerate a resource''s access keys (through Azure Resource Manager, as az does)'
            cand hub 'Create, update, show, list or delete a hub''s settings: event handlers, anonymous connections, keep-alive (through Azure Resource Manager, as az does)'
            cand emulator 'Run a local Azure Web PubSub service: REST API, client WebSockets and JWT auth, no Azure account needed'
            cand completions 'Print a shell completion script (bash, zsh, fish, powershell, elvish) to stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;service'= {
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand broadcast 'Send a message to every connection of the hub'
            cand connection 'Send to, check, close a connection, or remove it from all its groups'
            cand group 'Send to a group, manage its members, check or close it'
            cand user 'Send to a user, check, close, or remove it from all groups'
            cand permission 'Grant, revoke or check a connection''s permission on a group'
            cand close-all 'Close every connection of the hub'
            cand add-to-groups 'Add every connection a filter selects to groups'
            cand remove-from-groups 'Remove every connection a filter selects from groups'
            cand health 'Check that the service answers (HEAD /api/health)'
            cand token 'Ask the service to generate a client access token (:generateToken)'
            cand apply 'Run a list of actions (Azure Functions output-binding shape) from a file or stdin'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;service;broadcast'= {
            cand --payload 'The message, as text (sent as text/plain unless --content-type says otherwise)'
            cand --payload-file 'Read the message from a file, or - for stdin (sent as application/octet-stream unless --content-type says otherwise)'
            cand --content-type 'text (text/plain), json (application/json, checked before sending) or binary (application/octet-stream)'
            cand --excluded 'Leave out this connection (repeatable)'
            cand --filter 'OData filter selecting recipients, e.g. "userId ne ''bob''" or "''g1'' in groups"'
            cand --ttl 'Drop the message for receivers that have not taken it within this many seconds (0-300; 0, the default, never expires). REST `messageTtlSeconds`'
            cand --metadata 'A metadata pair for the receivers (repeatable), sent as an `X-WebPubSub-Metadata-KEY` header; JSON clients get it in the message''s `metadata`. KEY: letters, digits and !#$%&''*+-.^_`|~; VALUE: ASCII, at most 1024 bytes'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;connection'= {
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand send 'Send a message to one connection (202 even if it does not exist)'
            cand exist 'Exit 0 if the connection exists, 1 if not'
            cand exists 'Exit 0 if the connection exists, 1 if not'
            cand close 'Close a connection'
            cand remove-from-all-groups 'Remove a connection from all its groups'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;service;connection;send'= {
            cand --connection-id 'The connection id'
            cand --payload 'The message, as text (sent as text/plain unless --content-type says otherwise)'
            cand --payload-file 'Read the message from a file, or - for stdin (sent as application/octet-stream unless --content-type says otherwise)'
            cand --content-type 'text (text/plain), json (application/json, checked before sending) or binary (application/octet-stream)'
            cand --ttl 'Drop the message for receivers that have not taken it within this many seconds (0-300; 0, the default, never expires). REST `messageTtlSeconds`'
            cand --metadata 'A metadata pair for the receivers (repeatable), sent as an `X-WebPubSub-Metadata-KEY` header; JSON clients get it in the message''s `metadata`. KEY: letters, digits and !#$%&''*+-.^_`|~; VALUE: ASCII, at most 1024 bytes'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;connection;exist'= {
            cand --connection-id 'The connection id'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;connection;exists'= {
            cand --connection-id 'The connection id'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;connection;close'= {
            cand --connection-id 'The connection id'
            cand --reason 'Reason, shown to the client in its `disconnected` message'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;connection;remove-from-all-groups'= {
            cand --connection-id 'The connection id'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;connection;help'= {
            cand send 'Send a message to one connection (202 even if it does not exist)'
            cand exist 'Exit 0 if the connection exists, 1 if not'
            cand close 'Close a connection'
            cand remove-from-all-groups 'Remove a connection from all its groups'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;service;connection;help;send'= {
        }
        &'webpubsub;service;connection;help;exist'= {
        }
        &'webpubsub;service;connection;help;close'= {
        }
        &'webpubsub;service;connection;help;remove-from-all-groups'= {
        }
        &'webpubsub;service;connection;help;help'= {
        }
        &'webpubsub;service;group'= {
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand send 'Send a message to every connection in a group'
            cand add-connection 'Add a connection to a group'
            cand remove-connection 'Remove a connection from a group'
            cand add-user 'Add every connection of a user to a group'
            cand remove-user 'Remove a user from a group (or, without --group-name, from all groups, as az does)'
            cand exist 'Exit 0 if the group has connections, 1 if not'
            cand exists 'Exit 0 if the group has connections, 1 if not'
            cand close 'Close every connection in a group'
            cand list-connections 'List the connections in a group (api-version 2024-12-01)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;service;group;send'= {
            cand --group-name 'The group name'
            cand --group 'The group name'
            cand --payload 'The message, as text (sent as text/plain unless --content-type says otherwise)'
            cand --payload-file 'Read the message from a file, or - for stdin (sent as application/octet-stream unless --content-type says otherwise)'
            cand --content-type 'text (text/plain), json (application/json, checked before sending) or binary (application/octet-stream)'
            cand --excluded 'Leave out this connection (repeatable)'
            cand --filter 'OData filter selecting recipients, e.g. "userId ne ''bob''" or "''g1'' in groups"'
            cand --ttl 'Drop the message for receivers that have not taken it within this many seconds (0-300; 0, the default, never expires). REST `messageTtlSeconds`'
            cand --metadata 'A metadata pair for the receivers (repeatable), sent as an `X-WebPubSub-Metadata-KEY` header; JSON clients get it in the message''s `metadata`. KEY: letters, digits and !#$%&''*+-.^_`|~; VALUE: ASCII, at most 1024 bytes'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;group;add-connection'= {
            cand --group-name 'The group name'
            cand --group 'The group name'
            cand --connection-id 'The connection id'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;group;remove-connection'= {
            cand --group-name 'The group name'
            cand --group 'The group name'
            cand --connection-id 'The connection id'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;group;add-user'= {
            cand --group-name 'The group name'
            cand --group 'The group name'
            cand --user-id 'The user id'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;group;remove-user'= {
            cand --group-name 'The group; without it the user leaves every group'
            cand --group 'The group; without it the user leaves every group'
            cand --user-id 'The user id'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;group;exist'= {
            cand --group-name 'The group name'
            cand --group 'The group name'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;group;exists'= {
            cand --group-name 'The group name'
            cand --group 'The group name'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;group;close'= {
            cand --group-name 'The group name'
            cand --group 'The group name'
            cand --excluded 'Keep this connection open (repeatable)'
            cand --reason 'Reason, shown to the clients in their `disconnected` message'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;group;list-connections'= {
            cand --group-name 'The group name'
            cand --group 'The group name'
            cand --top 'At most this many connections in all'
            cand --max-page-size 'Connections per page requested from the service (1-200)'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;group;help'= {
            cand send 'Send a message to every connection in a group'
            cand add-connection 'Add a connection to a group'
            cand remove-connection 'Remove a connection from a group'
            cand add-user 'Add every connection of a user to a group'
            cand remove-user 'Remove a user from a group (or, without --group-name, from all groups, as az does)'
            cand exist 'Exit 0 if the group has connections, 1 if not'
            cand close 'Close every connection in a group'
            cand list-connections 'List the connections in a group (api-version 2024-12-01)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;service;group;help;send'= {
        }
        &'webpubsub;service;group;help;add-connection'= {
        }
        &'webpubsub;service;group;help;remove-connection'= {
        }
        &'webpubsub;service;group;help;add-user'= {
        }
        &'webpubsub;service;group;help;remove-user'= {
        }
        &'webpubsub;service;group;help;exist'= {
        }
        &'webpubsub;service;group;help;close'= {
        }
        &'webpubsub;service;group;help;list-connections'= {
        }
        &'webpubsub;service;group;help;help'= {
        }
        &'webpubsub;service;user'= {
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand send 'Send a message to every connection of a user'
            cand exist 'Exit 0 if the user has connections, 1 if not'
            cand exists 'Exit 0 if the user has connections, 1 if not'
            cand close 'Close every connection of a user'
            cand remove-from-all-groups 'Remove a user from all groups'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;service;user;send'= {
            cand --user-id 'The user id'
            cand --payload 'The message, as text (sent as text/plain unless --content-type says otherwise)'
            cand --payload-file 'Read the message from a file, or - for stdin (sent as application/octet-stream unless --content-type says otherwise)'
            cand --content-type 'text (text/plain), json (application/json, checked before sending) or binary (application/octet-stream)'
            cand --filter 'OData filter selecting among the user''s connections'
            cand --ttl 'Drop the message for receivers that have not taken it within this many seconds (0-300; 0, the default, never expires). REST `messageTtlSeconds`'
            cand --metadata 'A metadata pair for the receivers (repeatable), sent as an `X-WebPubSub-Metadata-KEY` header; JSON clients get it in the message''s `metadata`. KEY: letters, digits and !#$%&''*+-.^_`|~; VALUE: ASCII, at most 1024 bytes'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;user;exist'= {
            cand --user-id 'The user id'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;user;exists'= {
            cand --user-id 'The user id'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;user;close'= {
            cand --user-id 'The user id'
            cand --excluded 'Keep this connection open (repeatable)'
            cand --reason 'Reason, shown to the clients in their `disconnected` message'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;user;remove-from-all-groups'= {
            cand --user-id 'The user id'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;user;help'= {
            cand send 'Send a message to every connection of a user'
            cand exist 'Exit 0 if the user has connections, 1 if not'
            cand close 'Close every connection of a user'
            cand remove-from-all-groups 'Remove a user from all groups'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;service;user;help;send'= {
        }
        &'webpubsub;service;user;help;exist'= {
        }
        &'webpubsub;service;user;help;close'= {
        }
        &'webpubsub;service;user;help;remove-from-all-groups'= {
        }
        &'webpubsub;service;user;help;help'= {
        }
        &'webpubsub;service;permission'= {
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand grant 'Grant a connection a permission on a group'
            cand revoke 'Revoke a connection''s permission on a group'
            cand check 'Exit 0 if the connection has the permission, 1 if not'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;service;permission;grant'= {
            cand --connection-id 'The connection id'
            cand --permission 'sendToGroup or joinLeaveGroup'
            cand --group-name 'The group the permission is on; without it, every group'
            cand --group 'The group the permission is on; without it, every group'
            cand --target-name 'The group the permission is on; without it, every group'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;permission;revoke'= {
            cand --connection-id 'The connection id'
            cand --permission 'sendToGroup or joinLeaveGroup'
            cand --group-name 'The group the permission is on; without it, every group'
            cand --group 'The group the permission is on; without it, every group'
            cand --target-name 'The group the permission is on; without it, every group'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;permission;check'= {
            cand --connection-id 'The connection id'
            cand --permission 'sendToGroup or joinLeaveGroup'
            cand --group-name 'The group the permission is on; without it, every group'
            cand --group 'The group the permission is on; without it, every group'
            cand --target-name 'The group the permission is on; without it, every group'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;permission;help'= {
            cand grant 'Grant a connection a permission on a group'
            cand revoke 'Revoke a connection''s permission on a group'
            cand check 'Exit 0 if the connection has the permission, 1 if not'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;service;permission;help;grant'= {
        }
        &'webpubsub;service;permission;help;revoke'= {
        }
        &'webpubsub;service;permission;help;check'= {
        }
        &'webpubsub;service;permission;help;help'= {
        }
        &'webpubsub;service;close-all'= {
            cand --excluded 'Keep this connection open (repeatable)'
            cand --reason 'Reason, shown to the clients in their `disconnected` message'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;add-to-groups'= {
            cand --group 'Group to add to or remove from (repeatable)'
            cand --group-name 'Group to add to or remove from (repeatable)'
            cand --filter 'OData filter selecting the connections, e.g. "userId eq ''alice''"'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;remove-from-groups'= {
            cand --group 'Group to add to or remove from (repeatable)'
            cand --group-name 'Group to add to or remove from (repeatable)'
            cand --filter 'OData filter selecting the connections, e.g. "userId eq ''alice''"'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;health'= {
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;token'= {
            cand --user-id 'The user the client connects as'
            cand --role 'Role to grant, e.g. webpubsub.joinLeaveGroup or webpubsub.sendToGroup.g1 (repeatable)'
            cand --group 'Group to join on connect (repeatable)'
            cand --expires-in 'Minutes until the token expires'
            cand --client-type 'The kind of client, which sets the token''s audience and the URL: default, mqtt or socketio (case-insensitive)'
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --print-url 'Print the full client URL instead of the token'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;apply'= {
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --api-version 'REST api-version to call [default: 2024-01-01; 2024-12-01 for group list-connections]'
            cand -o 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --output 'Output format of query results (exist, check, list, token) [default: json]. With --dry-run the request is printed as text, or as JSON with -o json'
            cand --timeout 'Seconds the whole operation may take, retries and their waits included (for `apply`, each action; for `list-connections`, all pages). A retry that would end later is not made'
            cand --retries 'Retries on 429, 5xx and connection failures (with backoff, honouring Retry-After as seconds or a date), within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --keep-going 'Go on after a failed action (the exit code still reports the failure)'
            cand --exit-zero 'exist and permission check: answer `false` with exit 0 (as az does) instead of exit 1, for scripts that read the answer rather than the exit code'
            cand --debug 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (access key and tokens redacted)'
            cand --dry-run 'Print the request that would be sent, and send nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;service;help'= {
            cand broadcast 'Send a message to every connection of the hub'
            cand connection 'Send to, check, close a connection, or remove it from all its groups'
            cand group 'Send to a group, manage its members, check or close it'
            cand user 'Send to a user, check, close, or remove it from all groups'
            cand permission 'Grant, revoke or check a connection''s permission on a group'
            cand close-all 'Close every connection of the hub'
            cand add-to-groups 'Add every connection a filter selects to groups'
            cand remove-from-groups 'Remove every connection a filter selects from groups'
            cand health 'Check that the service answers (HEAD /api/health)'
            cand token 'Ask the service to generate a client access token (:generateToken)'
            cand apply 'Run a list of actions (Azure Functions output-binding shape) from a file or stdin'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;service;help;broadcast'= {
        }
        &'webpubsub;service;help;connection'= {
            cand send 'Send a message to one connection (202 even if it does not exist)'
            cand exist 'Exit 0 if the connection exists, 1 if not'
            cand close 'Close a connection'
            cand remove-from-all-groups 'Remove a connection from all its groups'
        }
        &'webpubsub;service;help;connection;send'= {
        }
        &'webpubsub;service;help;connection;exist'= {
        }
        &'webpubsub;service;help;connection;close'= {
        }
        &'webpubsub;service;help;connection;remove-from-all-groups'= {
        }
        &'webpubsub;service;help;group'= {
            cand send 'Send a message to every connection in a group'
            cand add-connection 'Add a connection to a group'
            cand remove-connection 'Remove a connection from a group'
            cand add-user 'Add every connection of a user to a group'
            cand remove-user 'Remove a user from a group (or, without --group-name, from all groups, as az does)'
            cand exist 'Exit 0 if the group has connections, 1 if not'
            cand close 'Close every connection in a group'
            cand list-connections 'List the connections in a group (api-version 2024-12-01)'
        }
        &'webpubsub;service;help;group;send'= {
        }
        &'webpubsub;service;help;group;add-connection'= {
        }
        &'webpubsub;service;help;group;remove-connection'= {
        }
        &'webpubsub;service;help;group;add-user'= {
        }
        &'webpubsub;service;help;group;remove-user'= {
        }
        &'webpubsub;service;help;group;exist'= {
        }
        &'webpubsub;service;help;group;close'= {
        }
        &'webpubsub;service;help;group;list-connections'= {
        }
        &'webpubsub;service;help;user'= {
            cand send 'Send a message to every connection of a user'
            cand exist 'Exit 0 if the user has connections, 1 if not'
            cand close 'Close every connection of a user'
            cand remove-from-all-groups 'Remove a user from all groups'
        }
        &'webpubsub;service;help;user;send'= {
        }
        &'webpubsub;service;help;user;exist'= {
        }
        &'webpubsub;service;help;user;close'= {
        }
        &'webpubsub;service;help;user;remove-from-all-groups'= {
        }
        &'webpubsub;service;help;permission'= {
            cand grant 'Grant a connection a permission on a group'
            cand revoke 'Revoke a connection''s permission on a group'
            cand check 'Exit 0 if the connection has the permission, 1 if not'
        }
        &'webpubsub;service;help;permission;grant'= {
        }
        &'webpubsub;service;help;permission;revoke'= {
        }
        &'webpubsub;service;help;permission;check'= {
        }
        &'webpubsub;service;help;close-all'= {
        }
        &'webpubsub;service;help;add-to-groups'= {
        }
        &'webpubsub;service;help;remove-from-groups'= {
        }
        &'webpubsub;service;help;health'= {
        }
        &'webpubsub;service;help;token'= {
        }
        &'webpubsub;service;help;apply'= {
        }
        &'webpubsub;service;help;help'= {
        }
        &'webpubsub;client'= {
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand start 'Connect to a hub as a client: an interactive REPL on a terminal, a JSON-lines pipe otherwise'
            cand token 'Mint a client access token locally (no network), or with --print-url the full client URL. With Entra ID (no key), the service generates it (:generateToken)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;client;start'= {
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --user-id 'The user to connect as (ignored with --url)'
            cand --role 'Role to grant (repeatable) [default: webpubsub.joinLeaveGroup and webpubsub.sendToGroup, as az does]'
            cand --group 'Group to join on connect (repeatable)'
            cand --expires-in 'Minutes until the minted token expires'
            cand --url 'Connect to this client URL (e.g. from `service token --print-url`) instead of minting a token; with --protocol socketcluster, the server''s URL (ws://HOST:PORT/socketcluster/)'
            cand --protocol 'Subprotocol: json.reliable (recovers dropped connections), json, protobuf.reliable and protobuf (the same in protobuf binary frames), raw (a simple WebSocket client), mqtt (MQTT 5.0) or mqtt3 (MQTT 3.1.1) at the hub''s MQTT endpoint, or socketcluster (a SocketCluster 9 server at --url, not Web PubSub)'
            cand --ack-timeout 'Piped mode: seconds to wait for outstanding acks at the end of input'
            cand --reconnect-timeout 'Seconds to keep trying to recover a dropped connection (json.reliable, protobuf.reliable), then as long again to make a new one, before giving up'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --keep-open 'Piped mode: keep receiving after the end of input, until interrupted'
            cand --show-frames 'Also show every protocol frame as it is sent (→) and received (←), as `az webpubsub client start` prints them; in a pipe, `{"type":"frame","direction":…,"text":…}`'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;client;token'= {
            cand --connection-string 'Connection string: Endpoint=https://<name>.webpubsub.azure.com;AccessKey=<key>;Version=1.0; or, to sign in with a managed identity, Endpoint=…;AuthType=azure.msi[;ClientId=<id>]; [default: the local emulator''s, Endpoint=http://localhost:8080;…]'
            cand --endpoint 'Service endpoint, with --access-key, or alone to sign in with Entra ID'
            cand --access-key 'Access key for --endpoint'
            cand --hub-name 'Hub name (case-insensitive on the service)'
            cand --hub 'Hub name (case-insensitive on the service)'
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand --auth 'How to sign data-plane requests: key (an access key: from the connection string, or listed through Azure Resource Manager with -n/-g) or entra (an Entra ID token: az login, azd, a service principal, workload or managed identity from the environment) [default: key when one is available, else entra]'
            cand --reverse-proxy 'Send requests (and client connections) through this reverse proxy, e.g. an Azure Application Gateway in front of the service; tokens still name the service''s endpoint'
            cand --user-id 'The user the client connects as'
            cand --role 'Role to grant, e.g. webpubsub.joinLeaveGroup or webpubsub.sendToGroup.g1 (repeatable)'
            cand --group 'Group to join on connect (repeatable)'
            cand --expires-in 'Minutes until the token expires'
            cand --client-type 'The kind of client, which sets the token''s audience and the URL: default (…/client/hubs/HUB), mqtt (…/clients/mqtt/hubs/HUB) or socketio (…/clients/socketio/hubs/HUB). Case-insensitive'
            cand -o 'Output format: json ({"token","url"}), table, tsv or none [default: the token alone]'
            cand --output 'Output format: json ({"token","url"}), table, tsv or none [default: the token alone]'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --print-url 'Print the client URL (ws[s]://…/client/hubs/HUB?access_token=…) instead of the token'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;client;help'= {
            cand start 'Connect to a hub as a client: an interactive REPL on a terminal, a JSON-lines pipe otherwise'
            cand token 'Mint a client access token locally (no network), or with --print-url the full client URL. With Entra ID (no key), the service generates it (:generateToken)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;client;help;start'= {
        }
        &'webpubsub;client;help;token'= {
        }
        &'webpubsub;client;help;help'= {
        }
        &'webpubsub;token'= {
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand decode 'Show a JWT''s header and claims, when it expires, and whether its signature verifies'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;token;decode'= {
            cand --access-key 'Key to verify the signature with (or the one of --connection-string); without either, the signature is not checked (and the output says so)'
            cand --connection-string 'Connection string whose key verifies the signature'
            cand -o 'Output format'
            cand --output 'Output format'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;token;help'= {
            cand decode 'Show a JWT''s header and claims, when it expires, and whether its signature verifies'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;token;help;decode'= {
        }
        &'webpubsub;token;help;help'= {
        }
        &'webpubsub;key'= {
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Show the access keys and connection strings (needs the Contributor role)'
            cand regenerate 'Regenerate the primary or secondary key: tokens signed with the old one stop working'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;key;show'= {
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand -o 'Output format [default: json, the Azure Resource Manager JSON as az prints it]'
            cand --output 'Output format [default: json, the Azure Resource Manager JSON as az prints it]'
            cand --timeout 'Seconds each Azure Resource Manager call may take, sign-in and retries included'
            cand --retries 'Retries on 429, 5xx and connection failures, within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --debug 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;key;regenerate'= {
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand -o 'Output format [default: json, the Azure Resource Manager JSON as az prints it]'
            cand --output 'Output format [default: json, the Azure Resource Manager JSON as az prints it]'
            cand --timeout 'Seconds each Azure Resource Manager call may take, sign-in and retries included'
            cand --retries 'Retries on 429, 5xx and connection failures, within --timeout'
            cand --key-type 'Which key to regenerate'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --debug 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;key;help'= {
            cand show 'Show the access keys and connection strings (needs the Contributor role)'
            cand regenerate 'Regenerate the primary or secondary key: tokens signed with the old one stop working'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;key;help;show'= {
        }
        &'webpubsub;key;help;regenerate'= {
        }
        &'webpubsub;key;help;help'= {
        }
        &'webpubsub;hub'= {
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create (or replace) a hub''s settings'
            cand update 'Change some of a hub''s settings; those not given stay as they are'
            cand show 'Show a hub''s settings'
            cand list 'List the hubs that have settings'
            cand delete 'Delete a hub''s settings (its connections stay; the defaults apply again)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;hub;create'= {
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand -o 'Output format [default: json, the Azure Resource Manager JSON as az prints it]'
            cand --output 'Output format [default: json, the Azure Resource Manager JSON as az prints it]'
            cand --timeout 'Seconds each Azure Resource Manager call may take, sign-in and retries included'
            cand --retries 'Retries on 429, 5xx and connection failures, within --timeout'
            cand --hub-name 'The hub'
            cand --hub 'The hub'
            cand --event-handler 'An upstream event handler as az''s items (see below); repeatable, each handler starting with its url-template. On update, the given handlers replace all of the hub''s'
            cand --allow-anonymous 'Let clients connect without an access token (anonymous, no user id); `false` to deny'
            cand --websocket-keepalive 'Seconds between the WebSocket pings the service sends each client (1-120)'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --debug 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;hub;update'= {
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand -o 'Output format [default: json, the Azure Resource Manager JSON as az prints it]'
            cand --output 'Output format [default: json, the Azure Resource Manager JSON as az prints it]'
            cand --timeout 'Seconds each Azure Resource Manager call may take, sign-in and retries included'
            cand --retries 'Retries on 429, 5xx and connection failures, within --timeout'
            cand --hub-name 'The hub'
            cand --hub 'The hub'
            cand --event-handler 'An upstream event handler as az''s items (see below); repeatable, each handler starting with its url-template. On update, the given handlers replace all of the hub''s'
            cand --allow-anonymous 'Let clients connect without an access token (anonymous, no user id); `false` to deny'
            cand --websocket-keepalive 'Seconds between the WebSocket pings the service sends each client (1-120)'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --debug 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;hub;show'= {
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand -o 'Output format [default: json, the Azure Resource Manager JSON as az prints it]'
            cand --output 'Output format [default: json, the Azure Resource Manager JSON as az prints it]'
            cand --timeout 'Seconds each Azure Resource Manager call may take, sign-in and retries included'
            cand --retries 'Retries on 429, 5xx and connection failures, within --timeout'
            cand --hub-name 'The hub'
            cand --hub 'The hub'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --debug 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;hub;list'= {
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand -o 'Output format [default: json, the Azure Resource Manager JSON as az prints it]'
            cand --output 'Output format [default: json, the Azure Resource Manager JSON as az prints it]'
            cand --timeout 'Seconds each Azure Resource Manager call may take, sign-in and retries included'
            cand --retries 'Retries on 429, 5xx and connection failures, within --timeout'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --debug 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;hub;delete'= {
            cand -n 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand --name 'Name of the Web PubSub resource, found through Azure Resource Manager (with -g; takes precedence over a connection string)'
            cand -g 'Resource group of the resource'
            cand --resource-group 'Resource group of the resource'
            cand --subscription 'Subscription id of the resource [default: AZURE_SUBSCRIPTION_ID, else az''s default subscription]'
            cand --ids 'The resource''s full id instead of -n/-g/--subscription: /subscriptions/SUB/resourceGroups/GROUP/providers/Microsoft.SignalRService/WebPubSub/NAME'
            cand --arm-endpoint 'Azure Resource Manager endpoint, for sovereign clouds or the local emulator (http://localhost:8080) [default: https://management.azure.com]'
            cand -o 'Output format [default: json, the Azure Resource Manager JSON as az prints it]'
            cand --output 'Output format [default: json, the Azure Resource Manager JSON as az prints it]'
            cand --timeout 'Seconds each Azure Resource Manager call may take, sign-in and retries included'
            cand --retries 'Retries on 429, 5xx and connection failures, within --timeout'
            cand --hub-name 'The hub'
            cand --hub 'The hub'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --debug 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
            cand --verbose 'Print each HTTP request and response on stderr (tokens, keys and connection strings redacted)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;hub;help'= {
            cand create 'Create (or replace) a hub''s settings'
            cand update 'Change some of a hub''s settings; those not given stay as they are'
            cand show 'Show a hub''s settings'
            cand list 'List the hubs that have settings'
            cand delete 'Delete a hub''s settings (its connections stay; the defaults apply again)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;hub;help;create'= {
        }
        &'webpubsub;hub;help;update'= {
        }
        &'webpubsub;hub;help;show'= {
        }
        &'webpubsub;hub;help;list'= {
        }
        &'webpubsub;hub;help;delete'= {
        }
        &'webpubsub;hub;help;help'= {
        }
        &'webpubsub;emulator'= {
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand start 'Start the emulator and print its connection string on stdout'
            cand stop 'Stop emulators started with `emulator start --detach` (all of them, or the one on --port)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;emulator;start'= {
            cand --log-file 'With --detach: where the emulator''s log goes [default: a file in the user''s runtime directory, named on stderr]'
            cand --host 'Address to listen on. The default accepts only local connections'
            cand -p 'Port to listen on; 0 picks a free one (printed in the connection string)'
            cand --port 'Port to listen on; 0 picks a free one (printed in the connection string)'
            cand --access-key 'Access key that signs tokens: at least 32 characters. The default is the public key of Microsoft''s emulator, so its samples work unchanged'
            cand --recovery-window 'Seconds a dropped reliable connection waits to be recovered'
            cand --event-handler 'Send events to an upstream handler (repeatable; the first match wins), az-style items: "url-template=http://localhost:3000/eventhandler/{event} user-event-pattern=* system-event=connect system-event=connected system-event=disconnected [hub=chat]"'
            cand --trace 'Append a request log to FILE (`-` for stderr): one JSON object per line for every REST call (method, path, query, content type, body, the bearer token''s claims, status) and every client frame in and out. Tokens and the access key are never written: a token becomes its claims, and access_token and reconnection tokens are redacted'
            cand --allowed-host 'Also answer requests whose Host is NAME (repeatable; `*.NAME` for its subdomains), e.g. a tunnel or container name. Without it only localhost, *.localhost and IP addresses are answered, so web pages cannot reach the emulator through DNS rebinding'
            cand --allowed-origin 'Also accept browser requests and WebSockets from ORIGIN (repeatable), e.g. http://devbox:3000; `*` accepts any. Without it only pages on localhost, *.localhost and loopback addresses may use the emulator; clients that send no Origin always may'
            cand --header-timeout 'Seconds a client may take to send a request''s headers (from connecting, or from the first byte of a later request) before the connection is closed'
            cand --idle-timeout 'Seconds a kept-alive connection may stay idle between requests'
            cand --body-timeout 'Seconds a client may take to send a request body after its headers (answered with 408)'
            cand -n 'Name of the emulated Azure resource, for ARM paths (`--arm-endpoint` in the CLI)'
            cand --name 'Name of the emulated Azure resource, for ARM paths (`--arm-endpoint` in the CLI)'
            cand -g 'Resource group of the emulated resource'
            cand --resource-group 'Resource group of the emulated resource'
            cand --subscription 'Subscription id of the emulated resource'
            cand --secondary-key 'Secondary access key (at least 32 characters) [default: random at each start]'
            cand --identity-header 'Secret of the managed-identity endpoint (IDENTITY_HEADER; 8 to 256 printable characters) [default: random at each start, printed on stderr]'
            cand --entra-identity 'Give an Entra identity (client id) other roles than the default (all): CLIENT_ID=ROLE[,ROLE] with Contributor, Reader, WebPubSubServiceOwner, or none (repeatable), e.g. reader-app=Reader'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand --detach 'Run in the background: print the connection string once the emulator is ready and return, leaving it running (its log goes to a file, named on stderr). For scripts: `CS=$(webpubsub emulator start --port 0 --detach)`; stop it with `webpubsub emulator stop`'
            cand --disable-local-auth 'Refuse tokens signed with the access keys (REST and clients), as disableLocalAuth does: only Entra ID tokens are accepted, and clients connect with tokens from :generateToken'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;emulator;stop'= {
            cand -p 'Only the emulator listening on this port'
            cand --port 'Only the emulator listening on this port'
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;emulator;help'= {
            cand start 'Start the emulator and print its connection string on stdout'
            cand stop 'Stop emulators started with `emulator start --detach` (all of them, or the one on --port)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;emulator;help;start'= {
        }
        &'webpubsub;emulator;help;stop'= {
        }
        &'webpubsub;emulator;help;help'= {
        }
        &'webpubsub;completions'= {
            cand --color 'When to use colors: auto (only on a terminal, honouring NO_COLOR), always or never'
            cand --query 'JMESPath query applied to JSON results before they are printed, as az does, e.g. `--query existence` or `--query "[].connectionId"` (see https://jmespath.org)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'webpubsub;help'= {
            cand service 'Call the REST data plane: send messages, manage groups, connections, users and permissions'
            cand client 'Client-side tools: mint a client access token or URL locally'
            cand token 'Inspect tokens: decode a JWT and check its signature'
            cand key 'Show or regenerate a resource''s access keys (through Azure Resource Manager, as az does)'
            cand hub 'Create, update, show, list or delete a hub''s settings: event handlers, anonymous connections, keep-alive (through Azure Resource Manager, as az does)'
            cand emulator 'Run a local Azure Web PubSub service: REST API, client WebSockets and JWT auth, no Azure account needed'
            cand completions 'Print a shell completion script (bash, zsh, fish, powershell, elvish) to stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'webpubsub;help;service'= {
            cand broadcast 'Send a message to every connection of the hub'
            cand connection 'Send to, check, close a connection, or remove it from all its groups'
            cand group 'Send to a group, manage its members, check or close it'
            cand user 'Send to a user, check, close, or remove it from all groups'
            cand permission 'Grant, revoke or check a connection''s permission on a group'
            cand close-all 'Close every connection of the hub'
            cand add-to-groups 'Add every connection a filter selects to groups'
            cand remove-from-groups 'Remove every connection a filter selects from groups'
            cand health 'Check that the service answers (HEAD /api/health)'
            cand token 'Ask the service to generate a client access token (:generateToken)'
            cand apply 'Run a list of actions (Azure Functions output-binding shape) from a file or stdin'
        }
        &'webpubsub;help;service;broadcast'= {
        }
        &'webpubsub;help;service;connection'= {
            cand send 'Send a message to one connection (202 even if it does not exist)'
            cand exist 'Exit 0 if the connection exists, 1 if not'
            cand close 'Close a connection'
            cand remove-from-all-groups 'Remove a connection from all its groups'
        }
        &'webpubsub;help;service;connection;send'= {
        }
        &'webpubsub;help;service;connection;exist'= {
        }
        &'webpubsub;help;service;connection;close'= {
        }
        &'webpubsub;help;service;connection;remove-from-all-groups'= {
        }
        &'webpubsub;help;service;group'= {
            cand send 'Send a message to every connection in a group'
            cand add-connection 'Add a connection to a group'
            cand remove-connection 'Remove a connection from a group'
            cand add-user 'Add every connection of a user to a group'
            cand remove-user 'Remove a user from a group (or, without --group-name, from all groups, as az does)'
            cand exist 'Exit 0 if the group has connections, 1 if not'
            cand close 'Close every connection in a group'
            cand list-connections 'List the connections in a group (api-version 2024-12-01)'
        }
        &'webpubsub;help;service;group;send'= {
        }
        &'webpubsub;help;service;group;add-connection'= {
        }
        &'webpubsub;help;service;group;remove-connection'= {
        }
        &'webpubsub;help;service;group;add-user'= {
        }
        &'webpubsub;help;service;group;remove-user'= {
        }
        &'webpubsub;help;service;group;exist'= {
        }
        &'webpubsub;help;service;group;close'= {
        }
        &'webpubsub;help;service;group;list-connections'= {
        }
        &'webpubsub;help;service;user'= {
            cand send 'Send a message to every connection of a user'
            cand exist 'Exit 0 if the user has connections, 1 if not'
            cand close 'Close every connection of a user'
            cand remove-from-all-groups 'Remove a user from all groups'
        }
        &'webpubsub;help;service;user;send'= {
        }
        &'webpubsub;help;service;user;exist'= {
        }
        &'webpubsub;help;service;user;close'= {
        }
        &'webpubsub;help;service;user;remove-from-all-groups'= {
        }
        &'webpubsub;help;service;permission'= {
            cand grant 'Grant a connection a permission on a group'
            cand revoke 'Revoke a connection''s permission on a group'
            cand check 'Exit 0 if the connection has the permission, 1 if not'
        }
        &'webpubsub;help;service;permission;grant'= {
        }
        &'webpubsub;help;service;permission;revoke'= {
        }
        &'webpubsub;help;service;permission;check'= {
        }
        &'webpubsub;help;service;close-all'= {
        }
        &'webpubsub;help;service;add-to-groups'= {
        }
        &'webpubsub;help;service;remove-from-groups'= {
        }
        &'webpubsub;help;service;health'= {
        }
        &'webpubsub;help;service;token'= {
        }
        &'webpubsub;help;service;apply'= {
        }
        &'webpubsub;help;client'= {
            cand start 'Connect to a hub as a client: an interactive REPL on a terminal, a JSON-lines pipe otherwise'
            cand token 'Mint a client access token locally (no network), or with --print-url the full client URL. With Entra ID (no key), the service generates it (:generateToken)'
        }
        &'webpubsub;help;client;start'= {
        }
        &'webpubsub;help;client;token'= {
        }
        &'webpubsub;help;token'= {
            cand decode 'Show a JWT''s header and claims, when it expires, and whether its signature verifies'
        }
        &'webpubsub;help;token;decode'= {
        }
        &'webpubsub;help;key'= {
            cand show 'Show the access keys and connection strings (needs the Contributor role)'
            cand regenerate 'Regenerate the primary or secondary key: tokens signed with the old one stop working'
        }
        &'webpubsub;help;key;show'= {
        }
        &'webpubsub;help;key;regenerate'= {
        }
        &'webpubsub;help;hub'= {
            cand create 'Create (or replace) a hub''s settings'
            cand update 'Change some of a hub''s settings; those not given stay as they are'
            cand show 'Show a hub''s settings'
            cand list 'List the hubs that have settings'
            cand delete 'Delete a hub''s settings (its connections stay; the defaults apply again)'
        }
        &'webpubsub;help;hub;create'= {
        }
        &'webpubsub;help;hub;update'= {
        }
        &'webpubsub;help;hub;show'= {
        }
        &'webpubsub;help;hub;list'= {
        }
        &'webpubsub;help;hub;delete'= {
        }
        &'webpubsub;help;emulator'= {
            cand start 'Start the emulator and print its connection string on stdout'
            cand stop 'Stop emulators started with `emulator start --detach` (all of them, or the one on --port)'
        }
        &'webpubsub;help;emulator;start'= {
        }
        &'webpubsub;help;emulator;stop'= {
        }
        &'webpubsub;help;completions'= {
        }
        &'webpubsub;help;help'= {
        }
    ]
    $completions[$command]
}
