#!/usr/bin/env bash
# `npm run generate:stubs`: the client stubs of the examples, from the one
# source of truth, proto/beamline/flow/v1/flow.proto.
#
#   Python   examples/clients/python/beamline/flow/v1/flow_pb2{,_grpc}.py (+ .pyi)
#   Go       examples/clients/go/gen/beamline/flow/v1/flow{,_grpc}.pb.go
#   Node.js  examples/clients/nodejs/gen/beamline/flow/v1/flow_pb.ts (protoc-gen-es, for Connect)
#            examples/clients/nodejs/gen/proto-loader/ (TypeScript types for @grpc/grpc-js)
#
# With an argument, writes under that directory instead of the repository
# (the stale-stub test compares such a fresh copy with the committed one).
#
# Needs (Debian): protobuf-compiler, protobuf-compiler-grpc (grpc_python_plugin),
# golang-go, golang-google-protobuf-dev, protoc-gen-go-grpc; and `npm ci`.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root}"
proto="$root/proto"
file="beamline/flow/v1/flow.proto"
# flow.proto carries no go_package (it mirrors the Router's own file), so
# the Go import path is given here.
go_module="example.com/beamline/clients/go"
go_package="$go_module/gen/beamline/flow/v1;flowv1"

need() { command -v "$1" >/dev/null || { echo "generate-stubs: $1 not found ($2)" >&2; exit 1; }; }
need protoc "apt-get install protobuf-compiler"
need grpc_python_plugin "apt-get install protobuf-compiler-grpc"
need protoc-gen-go-grpc "apt-get install protoc-gen-go-grpc"

# Debian ships protoc-gen-go's source but no binary: build it once, offline,
# in GOPATH mode against /usr/share/gocode.
protoc_gen_go="${PROTOC_GEN_GO:-$(command -v protoc-gen-go || true)}"
if [ -z "$protoc_gen_go" ]; then
  need go "apt-get install golang-go golang-google-protobuf-dev"
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/beamline-examples"
  protoc_gen_go="$cache/bin/protoc-gen-go"
  if [ ! -x "$protoc_gen_go" ]; then
    mkdir -p "$cache/bin"
    GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$cache/go-build" \
      go build -o "$protoc_gen_go" google.golang.org/protobuf/cmd/protoc-gen-go
  fi
fi

python_out="$out/examples/clients/python"
go_out="$out/examples/clients/go/gen"
node_out="$out/examples/clients/nodejs/gen"
rm -rf "$python_out/beamline" "$go_out" "$node_out"
mkdir -p "$python_out" "$go_out" "$node_out"

protoc -I "$proto" \
  --python_out="$python_out" --pyi_out="$python_out" \
  --plugin=protoc-gen-grpc_python="$(command -v grpc_python_plugin)" --grpc_python_out="$python_out" \
  "$file"

protoc -I "$proto" \
  --plugin=protoc-gen-go="$protoc_gen_go" \
  --go_out="$go_out" --go_opt=paths=source_relative --go_opt="M$file=$go_package" \
  --go-grpc_out="$go_out" --go-grpc_opt=paths=source_relative --go-grpc_opt="M$file=$go_package" \
  "$file"

# Same plugin and options as `npm run generate` (buf.gen.yaml), other output.
(cd "$root" && node_modules/.bin/buf generate proto --output "$out" --template \
  '{"version":"v2","plugins":[{"local":"node_modules/.bin/protoc-gen-es","out":"examples/clients/nodejs/gen","opt":"target=ts"}]}')

# The loader options in grpc_client.js must match these flags.
# Run from the root with a relative include: the types name their source file,
# and that name must not depend on where the repository is checked out.
(cd "$root" && node_modules/.bin/proto-loader-gen-types "$file" --grpcLib=@grpc/grpc-js \
  --keepCase --longs=String --enums=String --defaults --oneofs --includeComments \
  --importFileExtension=.js --outDir="$node_out/proto-loader" --includeDirs=proto >/dev/null)
