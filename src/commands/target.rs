//! From flags to a signed-in target: which resource (`-n/-g/--subscription`, `--ids`), which
//! Azure Resource Manager (`--arm-endpoint`), which endpoint and how its requests are signed
//! (`--connection-string`, `--endpoint`/`--access-key`, `--auth`, `--reverse-proxy`).

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use url::Url;

use crate::azure::{arm, Arm, ArmSettings, Choice, ResourceId, TokenProvider};
use crate::cli::{AuthKind, Credentials, ResourceArgs};
use crate::connstr::{Connection, ConnectionString, ServiceEndpoint};
use crate::error::{Error, Exit};
use crate::service::{Auth, Target};

/// How resolution calls Azure.
#[derive(Debug, Clone, Copy)]
pub struct Calls {
    pub timeout: Duration,
    pub retries: usize,
    pub debug: bool,
}

/// `-n/-g/--subscription` or `--ids`, or None when neither names a resource.
pub fn resource_id(args: &ResourceArgs) -> Result<Option<ResourceId>, Error> {
    if let Some(ids) = &args.ids {
        return ResourceId::parse(ids).map(Some);
    }
    match (&args.name, &args.resource_group) {
        (None, None) => Ok(None),
        (Some(_), None) => Err(Error::usage("-n/--name needs -g/--resource-group")
            .with_hint("pass -g GROUP, or the whole resource id with --ids")),
        (None, Some(_)) => Err(Error::usage("-g/--resource-group needs -n/--name")
            .with_hint("pass -n NAME, or the whole resource id with --ids")),
        (Some(name), Some(group)) => {
            let subscription = match &args.subscription {
                Some(s) if !s.trim().is_empty() => s.trim().to_string(),
                _ => default_subscription()?,
            };
            ResourceId::new(&subscription, group, name).map(Some)
        }
    }
}

/// The resource a control-plane command needs (it has no other way to say one).
pub fn required_resource_id(args: &ResourceArgs) -> Result<ResourceId, Error> {
    resource_id(args)?.ok_or_else(|| {
        Error::usage("no resource: pass -n NAME -g GROUP (or --ids RESOURCE_ID)")
            .with_hint("az webpubsub list -o table lists the resources you can see")
    })
}

/// The Azure CLI's default subscription, as az itself would use it.
fn default_subscription() -> Result<String, Error> {
    let missing = || {
        Error::usage("no subscription: pass --subscription ID or set AZURE_SUBSCRIPTION_ID")
            .with_hint(
            "`az account show --query id -o tsv` prints your default subscription (after az login)",
        )
    };
    let output = std::process::Command::new("az")
        .args(["account", "show", "--query", "id", "-o", "tsv"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .map_err(|_| missing())?;
    let id = String::from_utf8_lossy(&output.stdout).trim().to_string();
    if !output.status.success() || id.is_empty() || id.contains(char::is_whitespace) {
        return Err(missing());
    }
    Ok(id)
}

/// The ARM endpoint: `--arm-endpoint` / `WEBPUBSUB_ARM_ENDPOINT`, or the public cloud's.
pub fn arm_endpoint(args: &ResourceArgs) -> Result<Url, Error> {
    let text = args
        .arm_endpoint
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(arm::DEFAULT_ENDPOINT);
    let url = Url::parse(text).map_err(|e| {
        Error::usage(format!("--arm-endpoint {text:?} is not a URL: {e}"))
            .with_hint("e.g. https://management.azure.com, https://management.usgovcloudapi.net or http://localhost:8080 (the emulator)")
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(Error::usage(format!(
            "--arm-endpoint {text:?} must be an http(s) URL with a host"
        ))
        .with_hint("e.g. https://management.azure.com, https://management.usgovcloudapi.net or http://localhost:8080 (the emulator)"));
    }
    Ok(url)
}

/// A signed-in ARM client for `args`.
pub fn arm_client(
    args: &ResourceArgs,
    provider: Arc<TokenProvider>,
    calls: Calls,
) -> Result<Arm, Error> {
    Arm::new(
        ArmSettings {
            endpoint: arm_endpoint(args)?,
            timeout: calls.timeout,
            retries: calls.retries,
            debug: calls.debug,
        },
        provider,
    )
}

/// The default credential chain.
pub fn default_provider(calls: Calls) -> Result<Arc<TokenProvider>, Error> {
    let provider = TokenProvider::new(&Choice::Default, calls.timeout)?;
    if calls.debug {
        eprintln!("* Entra ID: trying {}", provider.describe());
    }
    Ok(Arc::new(provider))
}

/// Where data-plane requests go and how they are signed.
pub async fn data_plane(creds: &Credentials, calls: Calls) -> Result<Target, Error> {
    let reverse_proxy = creds
        .reverse_proxy
        .as_deref()
        .map(|p| {
            ServiceEndpoint::parse(p)
                .map(|e| e.url().clone())
                .map_err(|e| {
                    Error::usage(format!("--reverse-proxy: {e}"))
                        .with_hint("e.g. --reverse-proxy https://gateway.example.com")
                })
        })
        .transpose()?;
    let (endpoint, auth) = endpoint_and_auth(creds, calls).await?;
    Ok(Target {
        endpoint,
        auth,
        reverse_proxy,
    })
}

async fn endpoint_and_auth(
    creds: &Credentials,
    calls: Calls,
) -> Result<(ServiceEndpoint, Auth), Error> {
    let wants = creds.auth;
    if let Some(id) = resource_id(&creds.resource)? {
        return through_arm(creds, &id, calls).await;
    }
    let entra = |choice: Choice| -> Result<Auth, Error> {
        let provider = TokenProvider::new(&choice, calls.timeout)?;
        if calls.debug {
            eprintln!("* Entra ID: trying {}", provider.describe());
        }
        Ok(Auth::Entra(Arc::new(provider)))
    };
    let key_or_entra = |conn: ConnectionString| -> Result<(ServiceEndpoint, Auth), Error> {
        if wants == Some(AuthKind::Entra) {
            return Ok((conn.service_endpoint(), entra(Choice::Default)?));
        }
        let endpoint = conn.service_endpoint();
        Ok((endpoint, Auth::Key(conn.access_key().to_string())))
    };
    if let Some(cs) = &creds.connection_string {
        // The error already shows the expected form; the hint says where to get a right one.
        let hint = "copy it from `webpubsub key show -n NAME -g GROUP` (or az webpubsub key show), or use Endpoint=…;AuthType=azure.msi; to sign in with a managed identity";
        return match Connection::from_str(cs)
            .map_err(|e| Error::usage(e.to_string()).with_hint(hint))?
        {
            Connection::Key(conn) => key_or_entra(conn),
            Connection::Entra { .. } if wants == Some(AuthKind::Key) => Err(Error::usage(
                "--auth key, but the connection string has no key (it has an AuthType)",
            )
            .with_hint("drop --auth key, or use a connection string with AccessKey=")),
            Connection::Entra { endpoint, auth } => {
                Ok((endpoint, entra(Choice::Connection(auth))?))
            }
        };
    }
    if let Some(endpoint) = &creds.endpoint {
        return match &creds.access_key {
            Some(key) => {
                let conn = ConnectionString::new(endpoint, key).map_err(|e| {
                    Error::usage(e.to_string())
                        .with_hint("e.g. --endpoint https://<name>.webpubsub.azure.com")
                })?;
                key_or_entra(conn)
            }
            None if wants == Some(AuthKind::Key) => Err(Error::usage(
                "--auth key needs --access-key (or WebPubSubAccessKey) with --endpoint",
            )
            .with_hint("pass --access-key KEY, or drop --auth key to sign in with Entra ID")),
            None => {
                let endpoint = ServiceEndpoint::parse(endpoint).map_err(|e| {
                    Error::usage(e.to_string())
                        .with_hint("e.g. --endpoint https://<name>.webpubsub.azure.com")
                })?;
                Ok((endpoint, entra(Choice::Default)?))
            }
        };
    }
    // No credentials at all: the local emulator. Said on stderr, so a script that forgot its
    // connection string does not "succeed" against localhost without a word.
    eprintln!(
        "webpubsub: note: no connection string, endpoint or resource given; using the local emulator at http://localhost:{} (set WebPubSubConnectionString, or pass --connection-string or -n/-g)",
        crate::connstr::EMULATOR_PORT
    );
    let conn = ConnectionString::from_str(&super::default_connection_string())
        .map_err(|e| Error::usage(e.to_string()))?;
    key_or_entra(conn)
}

/// `-n/-g`: the resource's host and local-auth setting from ARM, then a key from `listKeys`
/// when local auth is on and the caller may list keys, else Entra ID.
async fn through_arm(
    creds: &Credentials,
    id: &ResourceId,
    calls: Calls,
) -> Result<(ServiceEndpoint, Auth), Error> {
    let wants = creds.auth;
    let provider = default_provider(calls)?;
    let arm = arm_client(&creds.resource, Arc::clone(&provider), calls)?;
    let resource = arm.resource(id).await?;
    let endpoint = endpoint_of(&resource, arm.is_plain_http())?;
    let local_auth_off = resource
        .pointer("/properties/disableLocalAuth")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let auth =
        match wants {
            Some(AuthKind::Entra) => Auth::Entra(provider),
            Some(AuthKind::Key) if local_auth_off => return Err(Error::new(
                Exit::Auth,
                format!("--auth key, but local auth is disabled on {id}: access keys are refused"),
            )
            .with_hint(
                "drop --auth key to sign requests with Entra ID (role: Web PubSub Service Owner)",
            )),
            None if local_auth_off => {
                if calls.debug {
                    eprintln!("* local auth is disabled on {id}: using Entra ID");
                }
                Auth::Entra(provider)
            }
            _ => match arm.list_keys(id).await {
                Ok(keys) => match keys.get("primaryKey").and_then(Value::as_str) {
                    Some(key) if !key.is_empty() => Auth::Key(key.to_string()),
                    _ if wants == Some(AuthKind::Key) => {
                        return Err(Error::new(
                            Exit::ServerError,
                            format!("listKeys answered without a primaryKey for {id}"),
                        )
                        .with_hint("drop --auth key to sign requests with Entra ID"))
                    }
                    _ => Auth::Entra(provider),
                },
                Err(e) if e.exit == Exit::Auth && wants.is_none() => {
                    if calls.debug {
                        eprintln!("* cannot list keys ({}); using Entra ID", e.message);
                    }
                    Auth::Entra(provider)
                }
                Err(e) => return Err(e),
            },
        };
    Ok((endpoint, auth))
}

/// The data-plane endpoint of a resource: `{scheme}://{hostName}[:{publicPort}]`, https unless
/// ARM itself is plain http (the emulator).
pub fn endpoint_of(resource: &Value, plain_http: bool) -> Result<ServiceEndpoint, Error> {
    let host = resource
        .pointer("/properties/hostName")
        .and_then(Value::as_str)
        .filter(|h| !h.is_empty())
        .ok_or_else(|| {
            Error::new(
                Exit::ServerError,
                "Azure Resource Manager answered without properties.hostName",
            )
            .with_hint("is the resource still being created? `az webpubsub show` shows its provisioningState")
        })?;
    let scheme = if plain_http { "http" } else { "https" };
    let default_port = if plain_http { 80 } else { 443 };
    let port = resource
        .pointer("/properties/publicPort")
        .and_then(Value::as_u64)
        .filter(|p| *p != default_port && *p > 0 && *p <= 65535);
    let text = match port {
        Some(p) => format!("{scheme}://{host}:{p}"),
        None => format!("{scheme}://{host}"),
    };
    ServiceEndpoint::parse(&text).map_err(|e| {
        Error::new(
            Exit::ServerError,
            format!("the resource's host name is not usable: {e}"),
        )
        .with_hint("pass the endpoint yourself with --endpoint")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn endpoints_come_from_host_name_and_public_port() {
        let azure = json!({"properties": {"hostName": "x.webpubsub.azure.com", "publicPort": 443}});
        assert_eq!(
            endpoint_of(&azure, false).unwrap().endpoint_str(),
            "https://x.webpubsub.azure.com"
        );
        let emu = json!({"properties": {"hostName": "localhost", "publicPort": 8123}});
        assert_eq!(
            endpoint_of(&emu, true).unwrap().endpoint_str(),
            "http://localhost:8123"
        );
        let none = json!({"properties": {}});
        assert_eq!(
            endpoint_of(&none, false).unwrap_err().exit,
            Exit::ServerError
        );
    }

    #[test]
    fn resource_flags_need_each_other() {
        let args = |n: Option<&str>, g: Option<&str>| ResourceArgs {
            name: n.map(Into::into),
            resource_group: g.map(Into::into),
            subscription: Some("s".into()),
            ..ResourceArgs::default()
        };
        assert_eq!(resource_id(&args(None, None)).unwrap(), None);
        assert_eq!(
            resource_id(&args(Some("n"), Some("g"))).unwrap(),
            Some(ResourceId::new("s", "g", "n").unwrap())
        );
        assert!(resource_id(&args(Some("n"), None))
            .unwrap_err()
            .message
            .contains("-g"));
        assert!(resource_id(&args(None, Some("g")))
            .unwrap_err()
            .message
            .contains("-n"));
        assert!(arm_endpoint(&ResourceArgs {
            arm_endpoint: Some("ftp://x".into()),
            ..ResourceArgs::default()
        })
        .is_err());
        assert_eq!(
            arm_endpoint(&ResourceArgs::default()).unwrap().as_str(),
            "https://management.azure.com/"
        );
    }
}
