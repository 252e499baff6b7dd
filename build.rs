//! Generates the protobuf subprotocols' message types (`proto/webpubsub.client.proto`) with
//! prost. protox parses the file in Rust, so no `protoc` needs to be installed.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    const PROTO: &str = "proto/webpubsub.client.proto";
    println!("cargo:rerun-if-changed={PROTO}");
    let descriptors = protox::compile([PROTO], ["proto"])?;
    prost_build::Config::new().compile_fds(descriptors)?;
    Ok(())
}
