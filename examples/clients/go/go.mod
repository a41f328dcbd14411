// The Go client examples. The tests build them offline in GOPATH mode against
// Debian's packages (grpc 1.33.3, protobuf 1.28.1); these are the versions
// they are tested with. In your own module: go mod tidy.
module example.com/beamline/clients/go

go 1.19

require (
	google.golang.org/grpc v1.33.3
	google.golang.org/protobuf v1.28.1
)
