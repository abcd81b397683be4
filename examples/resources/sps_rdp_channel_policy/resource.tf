# RemoteApp sessions: the desktop, and the RemoteApp custom channels. The clipboard needs four-eyes
# authorization, and only towards the application servers.
resource "sps_rdp_channel_policy" "remote_app" {
  name = "remote_app"
  rules = [
    { channel = "#drawing" },
    { channel = "customs", customs = ["rail", "rail_ri", "rail_wi"] },
    {
      channel = "cliprdr"
      actions = { four_eyes = true }
      target  = [{ value = "10.20.0.0/16" }]
    },
  ]
}
