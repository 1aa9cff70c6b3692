# Multi-stage build: a static, cgo-free malibot binary on a distroless base,
# run as an unprivileged user. Build: docker build -t malibot .
# Run:   docker run -e DISCORD_TOKEN=... -v malibot-data:/data malibot
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w" -o /out/malibot ./cmd/malibot \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/malibot /usr/local/bin/malibot
COPY --from=build --chown=65532:65532 /out/data /data
ENV DATA_DIR=/data HTTP_ADDR=:8080
VOLUME /data
EXPOSE 8080
USER 65532:65532
ENTRYPOINT ["/usr/local/bin/malibot"]
CMD ["serve"]
